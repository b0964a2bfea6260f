package org.gauzy.bridge.activepieces;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.gauzy.bridge.identity.DelegatedAccess;
import org.gauzy.bridge.identity.OrganizationDirectory;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.integration.IntegrationTenants;
import org.gauzy.bridge.integration.Setting;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tenant's Activepieces app connections: one {@code SECRET_TEXT} connection per organization,
 * keyed by {@code gauzy-tenant-<tenant>-org-<organization>}, recorded on the organization's
 * installation; lists show only connections whose {@code metadata.tenantId} is the caller's.
 */
@Service
class ConnectionService {

    static final String CONNECTION_ID = "connection_id";
    static final String PROJECT_ID = "project_id";
    static final String ACCESS_TOKEN = "access_token";
    /** What a token minted for a connection is delegated to: the piece acts as the user, with every scope. */
    static final String TOKEN_PURPOSE = "activepieces-connection";
    /** How many Activepieces pages one of our pages may read while filtering out other tenants. */
    static final int MAX_UPSTREAM_PAGES = 50;

    /** A list request, validated. */
    record ListQuery(String projectId, @Nullable String cursor, int limit, @Nullable String pieceName,
            @Nullable String displayName, List<String> status, @Nullable String scope) {
    }

    private final ActivepiecesHttp http;
    private final DelegatedAccess access;
    private final ApiKeyResolver keys;
    private final ProjectAccess projects;
    private final IntegrationTenants integrations;
    private final OrganizationDirectory organizations;
    private final ActivepiecesSettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final String gauzyVersion;
    private final Map<String, Boolean> hasGetById = new ConcurrentHashMap<>();

    ConnectionService(ActivepiecesHttp http, ApiKeyResolver keys, ProjectAccess projects,
            IntegrationTenants integrations, OrganizationDirectory organizations, DelegatedAccess access,
            ActivepiecesSettings settings, JsonMapper json, Clock clock, ObjectProvider<BuildProperties> build) {
        this.http = http;
        this.access = access;
        this.keys = keys;
        this.projects = projects;
        this.integrations = integrations;
        this.organizations = organizations;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        BuildProperties info = build.getIfAvailable();
        this.gauzyVersion = info == null ? "development" : info.getVersion();
    }

    static String externalId(UUID tenant, UUID organization) {
        return "gauzy-tenant-" + tenant + "-org-" + organization;
    }

    /** Creates or replaces the organization's connection, and records it on its installation. */
    ObjectNode upsert(RequestContext context, String accessToken, String projectId, @Nullable String name) {
        UUID tenant = context.tenant();
        UUID organization = context.organization();
        var installation = integrations.find(tenant, organization, IntegrationTenants.ACTIVEPIECES)
                .flatMap(id -> integrations.view(tenant, id));
        if (installation.isPresent() && !installation.get().isEnabled()) {
            throw new ApiException.Conflict("The Activepieces integration of this organization is disabled; enable it first");
        }
        var key = keys.forOrganization(context, organization);
        projects.require(context, key, projectId);
        String organizationName = organizations.find(tenant, organization)
                .map(o -> o.name()).orElseThrow(() -> new ApiException.NotFound("Organization", organization));
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("tenantId", tenant.toString());
        metadata.put("organizationId", organization.toString());
        metadata.put("createdAt", Instant.now(clock).toString());
        metadata.put("gauzyVersion", gauzyVersion);
        var body = new LinkedHashMap<String, Object>();
        body.put("externalId", externalId(tenant, organization));
        body.put("displayName", name != null && !name.isBlank() ? name.trim() : "Ever Gauzy - " + organizationName);
        body.put("pieceName", settings.pieceName());
        body.put("projectId", projectId);
        body.put("metadata", metadata);
        body.put("type", "SECRET_TEXT");
        body.put("value", Map.of("type", "SECRET_TEXT", "secret_text", accessToken));
        Optional<String> replaced = installation.flatMap(i -> integrations.setting(tenant, i.id(), ACCESS_TOKEN));
        JsonNode connection = http.send(key.apiKey(), ActivepiecesHttp.Call.post(body, "app-connections"));
        replaced.filter(old -> !old.equals(accessToken)).ifPresent(old -> access.revokeMinted(old, TOKEN_PURPOSE));
        List<Setting> recorded = List.of(Setting.plain(CONNECTION_ID, connection.path("id").asString()),
                Setting.plain(PROJECT_ID, projectId), Setting.secret(ACCESS_TOKEN, accessToken));
        UUID integrationId = installation.isPresent()
                ? record(tenant, installation.get().id(), recorded)
                : integrations.install(tenant, organization, IntegrationTenants.ACTIVEPIECES, recorded);
        ObjectNode out = withoutSecrets(connection);
        out.put("integrationId", integrationId.toString());
        return out;
    }

    /** One page of the tenant's connections; filtering never loses a page. */
    SeekPage<JsonNode> list(RequestContext context, UUID integrationId, ListQuery query) {
        var key = keys.forIntegration(context, integrationId);
        projects.require(context, key, query.projectId());
        UUID tenant = context.tenant();
        var data = new ArrayList<JsonNode>();
        String cursor = query.cursor();
        boolean backward = isBackward(cursor);
        String previous = null;
        String next = null;
        for (int page = 0; page < MAX_UPSTREAM_PAGES; page++) {
            int remaining = query.limit() - data.size();
            JsonNode upstream = http.send(key.apiKey(), listCall(query, cursor, backward ? query.limit() : remaining));
            if (page == 0) {
                previous = upstream.path("previous").asString(null);
            }
            for (JsonNode connection : upstream.path("data")) {
                if (sameTenant(connection, tenant)) {
                    data.add(withoutSecrets(connection));
                }
            }
            next = upstream.path("next").asString(null);
            if (backward || next == null || data.size() >= query.limit() || upstream.path("data").isEmpty()) {
                break;
            }
            cursor = next;
        }
        return new SeekPage<>(data, next, previous);
    }

    /** Every connection of the tenant in a project, all pages. */
    List<JsonNode> allInProject(RequestContext context, UUID integrationId, String projectId) {
        var key = keys.forIntegration(context, integrationId);
        projects.require(context, key, projectId);
        UUID tenant = context.tenant();
        var query = new ListQuery(projectId, null, 100, settings.pieceName(), null, List.of(), "PROJECT");
        var out = new ArrayList<JsonNode>();
        String cursor = null;
        for (int page = 0; page < MAX_UPSTREAM_PAGES * 2; page++) {
            JsonNode upstream = http.send(key.apiKey(), listCall(query, cursor, 100));
            upstream.path("data").forEach(c -> {
                if (sameTenant(c, tenant)) {
                    out.add(withoutSecrets(c));
                }
            });
            cursor = upstream.path("next").asString(null);
            if (cursor == null || upstream.path("data").isEmpty()) {
                break;
            }
        }
        return out;
    }

    /** The connection recorded on the installation, read by id where Activepieces can, else found by listing. */
    ObjectNode recorded(RequestContext context, UUID integrationId) {
        var key = keys.forIntegration(context, integrationId);
        UUID tenant = context.tenant();
        String connectionId = integrations.setting(tenant, integrationId, CONNECTION_ID)
                .orElseThrow(() -> new ApiException.NotFound("Activepieces connection of integration", integrationId));
        String projectId = integrations.setting(tenant, integrationId, PROJECT_ID).orElse("");
        return withoutSecrets(owned(key, tenant, projectId, connectionId));
    }

    /** Deletes the recorded connection on Activepieces (already gone counts as deleted) and forgets it. */
    void delete(RequestContext context, UUID integrationId) {
        var key = keys.forIntegration(context, integrationId);
        UUID tenant = context.tenant();
        String connectionId = integrations.setting(tenant, integrationId, CONNECTION_ID)
                .orElseThrow(() -> new ApiException.NotFound("Activepieces connection of integration", integrationId));
        ActivepiecesIds.require("connection id", connectionId);
        deleteUpstream(key, connectionId);
        forget(tenant, integrationId);
    }

    /**
     * Deletes one of the tenant's connections in a project (another tenant's is a 404), and forgets it
     * when it is the one recorded on the installation.
     */
    void delete(RequestContext context, UUID integrationId, String projectId, String connectionId) {
        var key = keys.forIntegration(context, integrationId);
        projects.require(context, key, projectId);
        UUID tenant = context.tenant();
        owned(key, tenant, projectId, connectionId);
        deleteUpstream(key, connectionId);
        if (integrations.setting(tenant, integrationId, CONNECTION_ID).filter(connectionId::equals).isPresent()) {
            forget(tenant, integrationId);
        }
    }

    /** Forgets the recorded connection; a token minted for it dies with it, as nothing else holds it. */
    private void forget(UUID tenant, UUID integrationId) {
        integrations.setting(tenant, integrationId, ACCESS_TOKEN).ifPresent(token -> access.revokeMinted(token, TOKEN_PURPOSE));
        integrations.removeSettings(tenant, integrationId, List.of(CONNECTION_ID, PROJECT_ID, ACCESS_TOKEN));
    }

    /** The connection, if Activepieces says it was made for this tenant; else a 404. */
    private JsonNode owned(ApiKeyResolver.ResolvedKey key, UUID tenant, String projectId, String connectionId) {
        ActivepiecesIds.require("connection id", connectionId);
        JsonNode connection = byId(key, connectionId)
                .orElseGet(() -> byListing(key, projectId, connectionId));
        if (!sameTenant(connection, tenant)) {
            throw new ApiException.NotFound("Activepieces connection", connectionId);
        }
        return connection;
    }

    private void deleteUpstream(ApiKeyResolver.ResolvedKey key, String connectionId) {
        try {
            http.send(key.apiKey(), ActivepiecesHttp.Call.delete("app-connections", connectionId));
        } catch (ActivepiecesFailure failure) {
            if (failure.upstreamStatus != 404) {
                throw failure;
            }
        }
    }

    private UUID record(UUID tenant, UUID installation, List<Setting> recorded) {
        integrations.putSettings(tenant, installation, recorded);
        return installation;
    }

    private Optional<JsonNode> byId(ApiKeyResolver.ResolvedKey key, String connectionId) {
        String base = settings.apiBase();
        if (Boolean.FALSE.equals(hasGetById.get(base))) {
            return Optional.empty();
        }
        try {
            JsonNode connection = http.send(key.apiKey(), ActivepiecesHttp.Call.get("app-connections", connectionId));
            hasGetById.put(base, true);
            return Optional.of(connection);
        } catch (ActivepiecesFailure failure) {
            if (failure.upstreamStatus == 404 && failure.upstreamCode == null) {
                // Fastify's "Route not found": this Activepieces (0.85 and older) has no GET by id.
                hasGetById.put(base, false);
                return Optional.empty();
            }
            throw failure;
        }
    }

    private JsonNode byListing(ApiKeyResolver.ResolvedKey key, String projectId, String connectionId) {
        ActivepiecesIds.require("projectId", projectId);
        String cursor = null;
        for (int page = 0; page < MAX_UPSTREAM_PAGES * 2; page++) {
            JsonNode upstream = http.send(key.apiKey(), ActivepiecesHttp.Call.get("app-connections")
                    .param("projectId", projectId).param("pieceName", settings.pieceName()).param("cursor", cursor)
                    .param("limit", 100));
            for (JsonNode connection : upstream.path("data")) {
                if (connectionId.equals(connection.path("id").asString())) {
                    return connection;
                }
            }
            cursor = upstream.path("next").asString(null);
            if (cursor == null || upstream.path("data").isEmpty()) {
                break;
            }
        }
        throw new ApiException.NotFound("Activepieces connection", connectionId);
    }

    private static ActivepiecesHttp.Call listCall(ListQuery query, @Nullable String cursor, int limit) {
        var call = ActivepiecesHttp.Call.get("app-connections").param("projectId", query.projectId())
                .param("cursor", cursor).param("limit", limit).param("pieceName", query.pieceName())
                .param("displayName", query.displayName()).param("scope", query.scope());
        query.status().forEach(status -> call.param("status", status));
        return call;
    }

    /** Activepieces never returns {@code value}; we make sure of it whatever it sends. */
    private ObjectNode withoutSecrets(JsonNode connection) {
        ObjectNode copy = connection.isObject() ? (ObjectNode) connection.deepCopy() : json.createObjectNode();
        copy.remove("value");
        return copy;
    }

    /** Activepieces' cursors say their direction: {@code base64("prev_…")} pages backward. */
    private static boolean isBackward(@Nullable String cursor) {
        if (cursor == null) {
            return false;
        }
        try {
            return new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8).startsWith("prev_");
        } catch (IllegalArgumentException notOurs) {
            return false;
        }
    }

    /** Whether Activepieces says the connection was made for this tenant. */
    private static boolean sameTenant(JsonNode connection, UUID tenant) {
        return Objects.equals(connection.path("metadata").path("tenantId").asString(null), tenant.toString());
    }
}
