package org.gauzy.bridge.automation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our cursor over a flow's runs: the millisecond of the last run shown ({@code t}, epoch milliseconds) and the
 * ids of the runs of that millisecond already shown. Activepieces is then asked for the runs made up to the
 * end of that millisecond, and those ids are left out, so that no run of a busy millisecond is lost or shown
 * twice. Written {@code gz1.} and base64url JSON; anything else is a 400.
 */
record RunCursor(long t, Set<String> shown) {

    static final String PREFIX = "gz1.";
    private static final int MAX_SHOWN = 1000;

    /** {@code createdBefore}: the last microsecond of the cursor's millisecond. */
    String endOfMillisecond() {
        return Instant.ofEpochMilli(t).plusNanos(999_000).toString();
    }

    /** Whether a run was on an earlier page. */
    boolean showed(RunView run) {
        Instant created = run.created();
        return created != null
                && created.toEpochMilli() >= t
                && (created.toEpochMilli() > t || shown.contains(run.id()));
    }

    /** The cursor after a page: its last millisecond, and the runs of it shown so far. */
    static String after(List<RunView> page, @Nullable RunCursor previous, JsonMapper json) {
        RunView last = page.get(page.size() - 1);
        long t = last.created() == null ? 0 : last.created().toEpochMilli();
        var ids = new LinkedHashSet<String>();
        if (previous != null && previous.t() == t) {
            ids.addAll(previous.shown());
        }
        page.stream()
                .filter(r -> r.created() != null && r.created().toEpochMilli() == t)
                .forEach(r -> ids.add(r.id()));
        String body = json.writeValueAsString(Map.of("t", t, "ids", new ArrayList<>(ids)));
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8));
    }

    static RunCursor read(String cursor, JsonMapper json) {
        try {
            if (!cursor.startsWith(PREFIX)) {
                throw new IllegalArgumentException(cursor);
            }
            JsonNode node = json.readTree(Base64.getUrlDecoder().decode(cursor.substring(PREFIX.length())));
            var ids = new LinkedHashSet<String>();
            node.path("ids").forEach(id -> ids.add(id.asString()));
            if (!node.path("t").isNumber() || ids.size() > MAX_SHOWN) {
                throw new IllegalArgumentException(cursor);
            }
            return new RunCursor(node.path("t").asLong(), Set.copyOf(ids));
        } catch (RuntimeException unreadable) {
            throw new ApiException.BadRequest(
                    "cursor is not one this API gave: pass the next value of a page as it is");
        }
    }
}
