package org.gauzy.bridge.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One incoming request: method, path, query as {@code qs} parses it, headers, body, path parameters. */
final class Request {

    final String method;
    final String path;
    final String rawQuery;
    final Map<String, List<String>> query;
    final Map<String, List<String>> headers;
    final byte[] body;
    final Map<String, String> params = new LinkedHashMap<>();
    private final JsonMapper json;
    private @Nullable JsonNode parsed;

    Request(
            String method,
            String path,
            @Nullable String rawQuery,
            Map<String, List<String>> headers,
            byte[] body,
            JsonMapper json) {
        this.method = method;
        this.path = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.rawQuery = rawQuery == null ? "" : rawQuery;
        this.query = parseQuery(this.rawQuery);
        this.headers = headers;
        this.body = body;
        this.json = json;
    }

    String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("no path parameter " + name);
        }
        return value;
    }

    /** A single query value; for a repeated one, the first. */
    @Nullable
    String query(String name) {
        List<String> values = queryAll(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a query parameter, whether sent as {@code a=1&a=2} or {@code a[]=1&a[]=2}. */
    List<String> queryAll(String name) {
        var values = new ArrayList<String>(query.getOrDefault(name, List.of()));
        values.addAll(query.getOrDefault(name + "[]", List.of()));
        return values;
    }

    @Nullable
    String header(String name) {
        for (var entry : headers.entrySet()) {
            if (entry.getKey() != null
                    && entry.getKey().equalsIgnoreCase(name)
                    && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    /** The JSON body; Fastify answers 400 when it is not JSON. An empty body is an empty object. */
    JsonNode json() {
        if (parsed == null) {
            if (body.length == 0) {
                parsed = json.createObjectNode();
            } else {
                try {
                    parsed = json.readTree(body);
                } catch (RuntimeException e) {
                    throw ApError.fastify(
                            400,
                            "FST_ERR_CTP_INVALID_JSON_BODY",
                            "Bad Request",
                            "Body is not valid JSON but content-type is set to 'application/json'");
                }
            }
        }
        return parsed;
    }

    /** A form-encoded body ({@code application/x-www-form-urlencoded}), first value of each field. */
    Map<String, String> form() {
        var out = new LinkedHashMap<String, String>();
        parseQuery(bodyText()).forEach((name, values) -> out.put(name, values.isEmpty() ? "" : values.get(0)));
        return out;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        var out = new LinkedHashMap<String, List<String>>();
        if (raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
