package org.gauzy.bridge.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a handler answers: a status, a JSON body ({@link Html} for a page, or none) and extra headers. */
record Reply(int status, @Nullable Object body, Map<String, String> headers) {

    static Reply ok(Object body) {
        return new Reply(200, body, Map.of());
    }

    static Reply created(Object body) {
        return new Reply(201, body, Map.of());
    }

    /** A page of the sandbox's own user interface. */
    record Html(String text) {}

    /** A JSON body of which only the first half is sent before the connection closes (the BROKEN_BODY fault). */
    record Broken(Object json) {}

    static Reply page(String html) {
        return new Reply(200, new Html(html), Map.of("Cache-Control", "no-store"));
    }

    static Reply seeOther(String location) {
        return new Reply(303, null, Map.of("Location", location));
    }

    static Reply noContent() {
        return new Reply(204, null, Map.of());
    }

    Reply withHeader(String name, String value) {
        var copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, body, copy);
    }
}
