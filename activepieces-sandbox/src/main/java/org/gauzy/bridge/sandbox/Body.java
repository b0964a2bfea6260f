package org.gauzy.bridge.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Zod-style checks of a JSON body or query, failing with Fastify's 400 naming the field path. */
final class Body {

    private Body() {}

    static JsonNode object(JsonNode node, String path) {
        if (!node.isObject()) {
            throw ApError.validation(path, "Invalid input: expected object, received " + kind(node));
        }
        return node;
    }

    static String string(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw ApError.validation(path + "/" + field, "Invalid input: expected string, received undefined");
        }
        if (!value.isString()) {
            throw ApError.validation(path + "/" + field, "Invalid input: expected string, received " + kind(value));
        }
        if (value.asString().isEmpty()) {
            throw ApError.validation(path + "/" + field, "Too small: expected string to have >=1 characters");
        }
        return value.asString();
    }

    static @Nullable String optionalString(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ApError.validation(path + "/" + field, "Invalid input: expected string, received " + kind(value));
        }
        return value.asString();
    }

    static String oneOf(@Nullable String value, Set<String> allowed, String path) {
        if (value == null || !allowed.contains(value)) {
            throw ApError.validation(
                    path,
                    "Invalid option: expected one of "
                            + String.join(
                                    "|",
                                    allowed.stream()
                                            .sorted()
                                            .map(a -> "\"" + a + "\"")
                                            .toList()));
        }
        return value;
    }

    static List<String> stringArray(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ApError.validation(path + "/" + field, "Invalid input: expected array, received " + kind(value));
        }
        var out = new ArrayList<String>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isString()) {
                throw ApError.validation(path + "/" + field + "/" + i, "Invalid input: expected string");
            }
            out.add(value.get(i).asString());
        }
        return out;
    }

    static String apId(Request request, String param) {
        String id = request.param(param);
        if (!Ids.isApId(id)) {
            throw ApError.validation("params/" + param, "Invalid string: must match pattern /^[0-9a-zA-Z]{21}$/");
        }
        return id;
    }

    private static String kind(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isObject() ? "object" : "string";
    }
}
