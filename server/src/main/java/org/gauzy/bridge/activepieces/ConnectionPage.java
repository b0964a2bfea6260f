package org.gauzy.bridge.activepieces;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of Activepieces' app connections: a {@code SeekPage}, {@code {data, next, previous}} with each cursor a
 * string or null ({@code shared/src/lib/core/common/seek-page.ts} and
 * {@code app-connection/app-connection.controller.ts}, whose rows pass {@code removeSensitiveData}, @66f43de175).
 *
 * <p>The page is not built into a tree: that tree was a quarter of what a connections page through this service
 * allocated, which sets how often the collector pauses the service under load. The answer's bytes are read into
 * one array of its {@code Content-Length}, the parser walks them, taking out only what the walk and the tenant
 * check read (the id, the creation time and {@code metadata.tenantId}), and each row is the range of the array
 * that holds it, which an answer writes out as it is. A row with a {@code value} (Activepieces lists none) is
 * written anew without it.
 *
 * @param more {@code next} is set: rows follow in the walk's forward direction
 * @param fewer {@code previous} is set: rows precede
 */
record ConnectionPage(List<ConnectionRow> rows, boolean more, boolean fewer) {

    /** More than a page of {@link ConnectionWalk#MAX_LIMIT} connections can hold. */
    static final int MAX_BYTES = 32 * 1024 * 1024;

    private static final ConnectionPage EMPTY = new ConnectionPage(List.of(), false, false);

    /** Reads Activepieces' answer; a body that is no JSON object is an empty last page, as a tree read it before. */
    static ActivepiecesHttp.BodyReader<ConnectionPage> reader(JsonMapper json) {
        return (body, length) -> read(json, body, length);
    }

    /**
     * {@code length}: the answer's {@code Content-Length}, or -1 (Apache's client drops the header when it
     * decompresses an answer, as a proxy before Activepieces may have compressed it).
     */
    static ConnectionPage read(JsonMapper json, InputStream body, long length) throws IOException {
        if (length > MAX_BYTES) {
            throw tooLarge();
        }
        if (length >= 0) {
            // One array of the answer's size, not one grown (and copied) as the bytes arrive.
            byte[] bytes = new byte[(int) length];
            if (body.readNBytes(bytes, 0, bytes.length) < bytes.length) {
                throw new EOFException("the answer ended before its Content-Length");
            }
            return read(json, bytes);
        }
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        return read(json, bytes);
    }

    static ConnectionPage read(JsonMapper json, byte[] bytes) {
        var rows = new ArrayList<ConnectionRow>();
        boolean more = false;
        boolean fewer = false;
        try (JsonParser parser = json.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return EMPTY;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("data") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        rows.add(row(json, parser, bytes));
                    }
                } else {
                    if (name.equals("next")) {
                        more = value != JsonToken.VALUE_NULL;
                    } else if (name.equals("previous")) {
                        fewer = value != JsonToken.VALUE_NULL;
                    }
                    parser.skipChildren();
                }
            }
        } catch (JacksonException notJson) {
            return EMPTY;
        }
        return new ConnectionPage(rows, more, fewer);
    }

    /** The row the parser is at. */
    private static ConnectionRow row(JsonMapper json, JsonParser parser, byte[] bytes) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw ConnectionWalk.Position.invalid();
        }
        int from = (int) parser.currentTokenLocation().getByteOffset();
        String id = "";
        String created = null;
        String tenantId = null;
        boolean secret = false;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("metadata") && value == JsonToken.START_OBJECT) {
                tenantId = tenantId(parser);
            } else if (value == JsonToken.VALUE_STRING && name.equals("id")) {
                id = parser.getString();
            } else if (value == JsonToken.VALUE_STRING && name.equals("created")) {
                created = parser.getString();
            } else {
                secret |= name.equals("value");
                parser.skipChildren();
            }
        }
        int to = (int) parser.currentLocation().getByteOffset();
        if (created == null) {
            throw ConnectionWalk.Position.invalid();
        }
        RawJson raw = secret ? withoutValue(json, bytes, from, to) : new RawJson(bytes, from, to);
        return new ConnectionRow(ConnectionWalk.Position.of(created, id), tenantId, raw);
    }

    /** A metadata object's {@code tenantId}, when a string; the parser ends at the object's end. */
    private static @Nullable String tenantId(JsonParser parser) {
        String tenantId = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING && name.equals("tenantId")) {
                tenantId = parser.getString();
            } else {
                parser.skipChildren();
            }
        }
        return tenantId;
    }

    private static RawJson withoutValue(JsonMapper json, byte[] bytes, int from, int to) {
        ObjectNode row = (ObjectNode) json.readTree(bytes, from, to - from);
        row.remove("value");
        byte[] written = json.writeValueAsBytes(row);
        return new RawJson(written, 0, written.length);
    }

    private static ApiException tooLarge() {
        return new ApiException(
                HttpStatus.BAD_GATEWAY,
                "Activepieces answered a page of connections larger than " + MAX_BYTES / (1024 * 1024) + " MB");
    }
}
