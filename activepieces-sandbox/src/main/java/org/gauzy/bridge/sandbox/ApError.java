package org.gauzy.bridge.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An error answered exactly as Activepieces answers it: a domain error {@code {code, params}} with
 * the status of its code, or Fastify's {@code {statusCode, code?, error, message}}.
 */
final class ApError extends RuntimeException {

    final int status;
    final Map<String, @Nullable Object> body;

    private ApError(int status, Map<String, @Nullable Object> body) {
        super(String.valueOf(body), null, false, false);
        this.status = status;
        this.body = body;
    }

    /** A domain error ({@code ActivepiecesError}); {@code params} may be null. */
    static ApError domain(int status, String code, @Nullable Map<String, ?> params) {
        var body = new LinkedHashMap<String, @Nullable Object>();
        body.put("code", code);
        body.put("params", params);
        return new ApError(status, body);
    }

    static ApError entityNotFound(String entityType, String entityId) {
        return domain(404, "ENTITY_NOT_FOUND", Map.of("entityType", entityType, "entityId", entityId));
    }

    static ApError authorization(String message) {
        return domain(403, "AUTHORIZATION", Map.of("message", message));
    }

    /** Fastify's schema validation error, naming the field path ({@code body/value/secret_text}). */
    static ApError validation(String path, String message) {
        return fastify(400, "FST_ERR_VALIDATION", "Bad Request", path + " " + message);
    }

    /** Fastify's answer to an unknown route, also given for a known path with the wrong method. */
    static ApError routeNotFound() {
        var body = new LinkedHashMap<String, @Nullable Object>();
        body.put("statusCode", 404);
        body.put("error", "Not Found");
        body.put("message", "Route not found");
        return new ApError(404, body);
    }

    static ApError fastify(int status, @Nullable String code, String error, String message) {
        var body = new LinkedHashMap<String, @Nullable Object>();
        body.put("statusCode", status);
        if (code != null) {
            body.put("code", code);
        }
        body.put("error", error);
        body.put("message", message);
        return new ApError(status, body);
    }
}
