package org.gauzy.bridge.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.gauzy.bridge.sandbox.Model.Connection;
import org.gauzy.bridge.sandbox.Model.Piece;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/v1/app-connections}: upsert, list, get (0.86 on), rename, delete. */
final class ConnectionRoutes {

    static final Set<String> TYPES =
            Set.of("OAUTH2", "PLATFORM_OAUTH2", "CLOUD_OAUTH2", "SECRET_TEXT", "BASIC_AUTH", "CUSTOM_AUTH", "NO_AUTH");
    static final Set<String> STATUSES = Set.of("ACTIVE", "MISSING", "ERROR");
    static final Set<String> SCOPES = Set.of("PROJECT", "PLATFORM");
    /** {@code semver.valid}: an optional {@code v} or {@code =}, then x.y.z, a pre-release and build metadata. */
    private static final Pattern SEMVER =
            Pattern.compile("^[v=]?\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$");

    private final Store store;
    private final Security security;
    private final OAuth2Exchange oauth2;
    private final ApVersion version;

    ConnectionRoutes(Store store, Security security, OAuth2Exchange oauth2, ApVersion version) {
        this.store = store;
        this.security = security;
        this.oauth2 = oauth2;
        this.version = version;
    }

    /**
     * The connection types the release's upsert body takes: PLACEHOLDER from 0.85.2 (f693883e4d), OIDC
     * after 0.85.4 (f094366e79).
     */
    private Set<String> types() {
        var types = new java.util.HashSet<>(TYPES);
        if (version.atLeast(0, 85, 2)) {
            types.add("PLACEHOLDER");
        }
        if (version.atLeast(0, 86)) {
            types.add("OIDC");
        }
        return types;
    }

    void register(Router router, ApVersion version) {
        router.add("POST", "/api/v1/app-connections", this::upsert)
                .add("GET", "/api/v1/app-connections", this::list)
                .add("POST", "/api/v1/app-connections/:id", this::rename)
                .add("DELETE", "/api/v1/app-connections/:id", this::delete);
        if (version.hasConnectionById()) {
            router.add("GET", "/api/v1/app-connections/:id", this::get);
        }
    }

    private Reply upsert(Request request) {
        JsonNode body = Body.object(request.json(), "body");
        String externalId = Body.string(body, "externalId", "body");
        String displayName = Body.string(body, "displayName", "body");
        String pieceName = Body.string(body, "pieceName", "body");
        String projectId = Body.string(body, "projectId", "body");
        String type = Body.oneOf(Body.optionalString(body, "type", "body"), types(), "body/type");
        String pieceVersion = Body.optionalString(body, "pieceVersion", "body");
        JsonNode value = type.equals("PLACEHOLDER") ? null : validateValue(body, type);
        JsonNode metadata = body.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw ApError.validation(
                    "body/metadata", "Invalid input: expected record, received " + metadata.getNodeType());
        }

        Principal principal = security.authenticate(request);
        Piece piece;
        synchronized (store) {
            security.project(principal, projectId);
            piece = store.pieces.get(pieceName);
        }
        // validatePieceVersion runs before the piece is looked up (app-connection-service.ts @66f43de175)
        if (pieceVersion != null && !SEMVER.matcher(pieceVersion).matches()) {
            throw ApError.domain(409, "VALIDATION", Map.of("message", "Invalid piece version"));
        }
        if (piece == null) {
            throw ApError.domain(
                    404, "ENTITY_NOT_FOUND", Map.of("message", "piece_metadata_not_found pieceName=" + pieceName));
        }
        ObjectNode stored = value == null ? null : (ObjectNode) value.deepCopy();
        if (type.equals("OAUTH2")) {
            if (piece.auth() == null) {
                throw ApError.domain(400, "INVALID_APP_CONNECTION", Map.of("error", "The piece has no OAuth2 auth"));
            }
            if (value == null) {
                throw ApError.validation("body/value", "must have required property 'value'");
            }
            stored = oauth2.claim(piece.auth(), value);
        }
        synchronized (store) {
            security.project(principal, projectId);
            Connection existing = find(externalId, principal.platformId(), projectId);
            if (type.equals("PLACEHOLDER") && existing != null && !existing.status.equals("MISSING")) {
                return Reply.created(withoutSensitiveData(existing));
            }
            Connection connection = existing != null
                    ? existing
                    : new Connection(
                            store.ids.apId(),
                            store.clock.nextCreated(),
                            externalId,
                            projectId,
                            principal.platformId(),
                            principal.userId());
            // An upsert sets the caller as owner, also of a connection another caller made.
            connection.ownerId = principal.userId();
            connection.updated = store.clock.now();
            connection.displayName = displayName;
            connection.type = type.equals("PLACEHOLDER") ? "NO_AUTH" : type;
            connection.status = type.equals("PLACEHOLDER") ? "MISSING" : "ACTIVE";
            connection.pieceName = pieceName;
            connection.pieceVersion = pieceVersion != null ? pieceVersion : piece.latestVersion();
            if (metadata != null && metadata.isObject()) {
                connection.metadata = (ObjectNode) metadata.deepCopy();
            }
            connection.value = stored;
            store.connections.put(connection.id, connection);
            return Reply.created(withoutSensitiveData(connection));
        }
    }

    private JsonNode validateValue(JsonNode body, String type) {
        JsonNode value = body.get("value");
        if (value == null || !value.isObject()) {
            throw ApError.validation(
                    "body/value",
                    "Invalid input: expected object, received "
                            + (value == null
                                    ? "undefined"
                                    : value.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        if (!type.equals(value.path("type").asString())) {
            // The upsert body is a plain union: a mismatched value fails every branch, vaguely.
            throw ApError.validation("body", "Invalid input");
        }
        switch (type) {
            case "SECRET_TEXT" -> Body.string(value, "secret_text", "body/value");
            case "BASIC_AUTH" -> {
                Body.string(value, "username", "body/value");
                Body.string(value, "password", "body/value");
            }
            case "CUSTOM_AUTH", "OIDC" -> {
                if (!value.path("props").isObject()) {
                    throw ApError.validation("body/value/props", "Invalid input: expected record, received undefined");
                }
            }
            case "OAUTH2" -> {
                Body.string(value, "client_id", "body/value");
                Body.string(value, "client_secret", "body/value");
                Body.string(value, "code", "body/value");
                Body.string(value, "redirect_url", "body/value");
                if (!value.path("scope").isString()) {
                    throw ApError.validation("body/value/scope", "Invalid input: expected string, received undefined");
                }
            }
            case "CLOUD_OAUTH2", "PLATFORM_OAUTH2" ->
                throw ApError.domain(
                        400,
                        "INVALID_CLOUD_CLAIM",
                        Map.of("pieceName", body.path("pieceName").asString()));
            default -> {
                // NO_AUTH: {type} only
            }
        }
        return value;
    }

    private Reply list(Request request) {
        String projectId = request.query("projectId");
        if (projectId == null || projectId.isEmpty()) {
            throw ApError.validation("querystring/projectId", "Invalid input: expected string, received undefined");
        }
        List<String> statuses = request.queryAll("status");
        for (int i = 0; i < statuses.size(); i++) {
            Body.oneOf(statuses.get(i), STATUSES, "querystring/status/" + i);
        }
        String scope = request.query("scope");
        if (scope != null) {
            Body.oneOf(scope, SCOPES, "querystring/scope");
        }
        int limit = Seek.limit(request, 10);
        String pieceName = request.query("pieceName");
        String displayName = request.query("displayName");

        Principal principal = security.authenticate(request);
        synchronized (store) {
            security.project(principal, projectId);
            var matches = store.connections.values().stream()
                    .filter(c -> c.platformId.equals(principal.platformId()) && c.projectIds.contains(projectId))
                    .filter(c -> pieceName == null || c.pieceName.equals(pieceName))
                    .filter(c -> displayName == null
                            || c.displayName.toLowerCase(Locale.ROOT).contains(displayName.toLowerCase(Locale.ROOT)))
                    .filter(c -> statuses.isEmpty() || statuses.contains(c.status))
                    .filter(c -> scope == null || c.scope.equals(scope))
                    .toList();
            var page = Seek.page(matches, c -> c.created.toEpochMilli(), true, request.query("cursor"), limit);
            var data = page.data().stream().map(this::listItem).toList();
            return Reply.ok(seekPage(data, page));
        }
    }

    private Reply get(Request request) {
        String id = Body.apId(request, "id");
        Principal principal = security.authenticate(request);
        synchronized (store) {
            Connection connection = existing(id);
            security.project(principal, connection.projectIds.get(0));
            var out = withoutSensitiveData(connection);
            out.put("flowIds", List.of());
            return Reply.ok(out);
        }
    }

    private Reply rename(Request request) {
        String id = Body.apId(request, "id");
        JsonNode body = Body.object(request.json(), "body");
        String displayName = Body.string(body, "displayName", "body");
        JsonNode metadata = body.get("metadata");
        Principal principal = security.authenticate(request);
        synchronized (store) {
            Connection connection = existing(id);
            security.project(principal, connection.projectIds.get(0));
            connection.displayName = displayName;
            if (metadata != null && metadata.isObject()) {
                connection.metadata = (ObjectNode) metadata.deepCopy();
            }
            connection.updated = store.clock.now();
            return Reply.ok(withoutSensitiveData(connection));
        }
    }

    private Reply delete(Request request) {
        String id = Body.apId(request, "id");
        Principal principal = security.authenticate(request);
        synchronized (store) {
            Connection connection = existing(id);
            security.project(principal, connection.projectIds.get(0));
            store.connections.remove(id);
            return Reply.noContent();
        }
    }

    private Connection existing(String id) {
        Connection connection = store.connections.get(id);
        if (connection == null) {
            throw ApError.entityNotFound("app_connection", id);
        }
        return connection;
    }

    /** The upsert key: (externalId, scope, platform, project). */
    private @Nullable Connection find(String externalId, String platformId, String projectId) {
        return store.connections.values().stream()
                .filter(c -> c.externalId.equals(externalId)
                        && c.platformId.equals(platformId)
                        && c.projectIds.contains(projectId))
                .findFirst()
                .orElse(null);
    }

    private Map<String, @Nullable Object> listItem(Connection connection) {
        var out = withoutSensitiveData(connection);
        var owner = store.users.get(connection.ownerId);
        out.put("owner", owner == null ? null : owner.json());
        out.put("flowIds", List.of());
        return out;
    }

    /**
     * {@code AppConnectionWithoutSensitiveData} as the release has it: {@code pieceVersion} from 0.76,
     * {@code preSelectForNewProjects} and {@code usingSecretManager} (set by {@code removeSensitiveData} on
     * every answer) from 0.83 (00cf7eb778, 84b6b97767).
     */
    private Map<String, @Nullable Object> withoutSensitiveData(Connection connection) {
        var out = connection.json();
        if (!version.atLeast(0, 76)) {
            out.remove("pieceVersion");
        }
        if (version.atLeast(0, 83)) {
            out.put("usingSecretManager", false);
        } else {
            out.remove("preSelectForNewProjects");
        }
        return out;
    }

    static Map<String, @Nullable Object> seekPage(List<?> data, Seek.Page<?> page) {
        var out = new LinkedHashMap<String, @Nullable Object>();
        out.put("data", data);
        out.put("next", page.next());
        out.put("previous", page.previous());
        return out;
    }
}
