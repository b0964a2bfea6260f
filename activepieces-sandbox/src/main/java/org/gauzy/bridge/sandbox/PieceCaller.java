package org.gauzy.bridge.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.gauzy.bridge.sandbox.Model.Connection;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls Gauzy through a connection the way the {@code ever-gauzy} piece does: refresh first when the
 * token is due, then {@code Authorization: Bearer}, plus {@code Tenant-Id} and {@code Organization-Id}
 * read from the access token's JWT payload without verifying it, against the {@code environment}
 * base URL.
 */
final class PieceCaller {

    private final Store store;
    private final OAuth2Exchange oauth2;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    PieceCaller(Store store, OAuth2Exchange oauth2, JsonMapper json) {
        this.store = store;
        this.oauth2 = oauth2;
        this.json = json;
    }

    /** The upstream answer, returned to the test as is. */
    Map<String, @Nullable Object> call(String connectionId, JsonNode spec) {
        ObjectNode value = refreshIfDue(connectionId);
        String accessToken = value.path("access_token").asString();
        String base = baseUrl(value.path("props").path("environment").asString(""));
        String path = spec.path("path").asString("/");
        String query = spec.path("query").isObject()
                ? spec.path("query").properties().stream()
                        .map(e -> enc(e.getKey()) + "="
                                + enc(
                                        e.getValue().isString()
                                                ? e.getValue().asString()
                                                : e.getValue().toString()))
                        .collect(Collectors.joining("&"))
                : "";
        String method = spec.path("method").asString("GET").toUpperCase(Locale.ROOT);
        JsonNode body = spec.get("body");
        var request = HttpRequest.newBuilder(URI.create(base + path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null || body.isNull()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        JsonNode claims = claims(accessToken);
        if (claims.hasNonNull("tenantId")) {
            request.header("Tenant-Id", claims.path("tenantId").asString());
        }
        if (claims.hasNonNull("organizationId")) {
            request.header("Organization-Id", claims.path("organizationId").asString());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            var out = new LinkedHashMap<String, @Nullable Object>();
            out.put("status", response.statusCode());
            out.put("body", parse(response.body()));
            return out;
        } catch (IOException e) {
            throw ApError.fastify(502, null, "Bad Gateway", "Gauzy unreachable at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApError.fastify(500, null, "Internal Server Error", "interrupted");
        }
    }

    /** The connection's value after refreshing it when due, as the engine reads it. */
    ObjectNode refreshIfDue(String connectionId) {
        ObjectNode value;
        synchronized (store) {
            Connection connection = store.connections.get(connectionId);
            if (connection == null) {
                throw ApError.entityNotFound("app_connection", connectionId);
            }
            if (!"OAUTH2".equals(connection.type) || connection.value == null) {
                throw ApError.domain(
                        400,
                        "INVALID_APP_CONNECTION",
                        Map.of("error", "only OAUTH2 connections carry an access token for the piece"));
            }
            if ("ERROR".equals(connection.status) || !oauth2.isDue(connection.value)) {
                return connection.value.deepCopy();
            }
            value = connection.value.deepCopy();
        }
        var refreshed = oauth2.refresh(value);
        synchronized (store) {
            Connection connection = store.connections.get(connectionId);
            if (connection == null) {
                throw ApError.entityNotFound("app_connection", connectionId);
            }
            ObjectNode current = connection.value;
            if (current == null) {
                throw ApError.entityNotFound("app_connection", connectionId);
            }
            if (refreshed.ok() && refreshed.body() != null) {
                current = oauth2.merge(current, refreshed.body());
                connection.value = current;
                connection.status = "ACTIVE";
            } else if ("invalid_grant".equals(refreshed.error())) {
                connection.status = "ERROR";
            }
            return current.deepCopy();
        }
    }

    /** The piece's {@code getBaseUrl}: the keys {@code apidemo} and {@code api} name Gauzy's hosts. */
    static String baseUrl(String environment) {
        String base = switch (environment) {
            case "apidemo" -> "https://apidemo.gauzy.co";
            case "api", "" -> "https://api.gauzy.co";
            default -> environment;
        };
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The claims of the connection's current access token, read as the piece reads them (unverified). */
    JsonNode tokenClaims(String connectionId) {
        return claims(refreshIfDue(connectionId).path("access_token").asString());
    }

    private JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return parts.length < 2
                    ? json.createObjectNode()
                    : json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (RuntimeException notAJwt) {
            return json.createObjectNode();
        }
    }

    private Object parse(String text) {
        try {
            return json.readTree(text);
        } catch (RuntimeException notJson) {
            return text;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
