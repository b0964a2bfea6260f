package org.gauzy.bridge.activepieces;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonInclude;

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

    private final ActivepiecesCalls calls;
    private final DelegatedAccess access;
    private final CredentialResolver keys;
    private final ProjectAccess projects;
    private final IntegrationTenants integrations;
    private final OrganizationDirectory organizations;
    private final ActivepiecesSettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final String gauzyVersion;
    private final Map<String, Boolean> hasGetById = new ConcurrentHashMap<>();

    ConnectionService(ActivepiecesCalls calls, CredentialResolver keys, ProjectAccess projects,
            IntegrationTenants integrations, OrganizationDirectory organizations, DelegatedAccess access,
            ActivepiecesSettings settings, JsonMapper json, Clock clock, ObjectProvider<BuildProperties> build) {
        this.calls = calls;
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
        JsonNode connection = calls.send(key, projectId, ActivepiecesHttp.Call.post(body, "app-connections"));
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

    /**
     * A page of the tenant's connections, {@code {data, next, previous}} with cursors of ours;
     * {@code warning} says when rows may be missing (see {@link ConnectionWalk}).
     */
    record Listing(List<JsonNode> data, @Nullable String next, @Nullable String previous,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String warning) {
    }

    static final String GAP_WARNING = "Activepieces holds more connections created in one millisecond than it "
            + "lets one page show (" + ConnectionWalk.MAX_LIMIT + "); some of them may be missing";

    /**
     * One page of the tenant's connections in creation order. Pages that filtering thins out are topped
     * up, and no connection is lost to Activepieces' cursor, which skips rows of the same second.
     */
    Listing list(RequestContext context, UUID integrationId, ListQuery query) {
        var key = keys.forIntegration(context, integrationId);
        projects.require(context, key, query.projectId());
        UUID tenant = context.tenant();
        ConnectionWalk.Fetch fetch = (cursor, limit) -> calls.send(key, query.projectId(), listCall(query, cursor, limit));
        ConnectionWalk.PageCursor at = query.cursor() == null ? null : ConnectionWalk.readPageCursor(query.cursor());
        ConnectionWalk.Walk walk = at == null || at.forward()
                ? ConnectionWalk.forward(fetch, at == null ? null : at.at(), query.limit(), c -> sameTenant(c, tenant),
                        MAX_UPSTREAM_PAGES)
                : ConnectionWalk.backward(fetch, at.at(), query.limit(), c -> sameTenant(c, tenant), MAX_UPSTREAM_PAGES);
        List<JsonNode> rows = walk.rows();
        boolean forward = at == null || at.forward();
        boolean moreAfter = forward ? walk.more() : true;
        boolean moreBefore = forward ? at != null : walk.more();
        String next = rows.isEmpty() || !moreAfter ? null
                : ConnectionWalk.pageCursor(true, ConnectionWalk.Position.of(rows.get(rows.size() - 1)));
        String previous = rows.isEmpty() || !moreBefore ? null
                : ConnectionWalk.pageCursor(false, ConnectionWalk.Position.of(rows.get(0)));
        return new Listing(rows.stream().map(this::withoutSecrets).map(JsonNode.class::cast).toList(), next, previous,
                walk.gap() ? GAP_WARNING : null);
    }

    /** Every connection of the tenant in a project, and whether some may be missing. */
    record All(List<JsonNode> connections, boolean gap) {
    }

    /** Every connection of the tenant in a project, all pages, none lost to Activepieces' cursor. */
    All allInProject(RequestContext context, UUID integrationId, String projectId) {
        var key = keys.forIntegration(context, integrationId);
        projects.require(context, key, projectId);
        UUID tenant = context.tenant();
        var query = new ListQuery(projectId, null, ConnectionWalk.FIRST_LIMIT, settings.pieceName(), null, List.of(),
                "PROJECT");
        ConnectionWalk.Walk walk = ConnectionWalk.forward((cursor, limit) -> calls.send(key, projectId,
                listCall(query, cursor, limit)), null, Integer.MAX_VALUE, c -> sameTenant(c, tenant),
                MAX_UPSTREAM_PAGES * 2);
        return new All(walk.rows().stream().map(this::withoutSecrets).map(JsonNode.class::cast).toList(),
                walk.gap() || walk.more());
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
        deleteUpstream(key, integrations.setting(tenant, integrationId, PROJECT_ID).orElse(null), connectionId);
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
        deleteUpstream(key, projectId, connectionId);
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
    private JsonNode owned(Credential key, UUID tenant, String projectId, String connectionId) {
        ActivepiecesIds.require("connection id", connectionId);
        JsonNode connection = byId(key, projectId, connectionId)
                .orElseGet(() -> byListing(key, projectId, connectionId));
        if (!sameTenant(connection, tenant)) {
            throw new ApiException.NotFound("Activepieces connection", connectionId);
        }
        return connection;
    }

    private void deleteUpstream(Credential key, @Nullable String projectId, String connectionId) {
        try {
            calls.send(key, projectId, ActivepiecesHttp.Call.delete("app-connections", connectionId));
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

    private Optional<JsonNode> byId(Credential key, String projectId, String connectionId) {
        String base = settings.apiBase();
        if (Boolean.FALSE.equals(hasGetById.get(base))) {
            return Optional.empty();
        }
        try {
            JsonNode connection = calls.send(key, projectId, ActivepiecesHttp.Call.get("app-connections",
                    connectionId));
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

    private JsonNode byListing(Credential key, String projectId, String connectionId) {
        ActivepiecesIds.require("projectId", projectId);
        var query = new ListQuery(projectId, null, ConnectionWalk.FIRST_LIMIT, settings.pieceName(), null, List.of(),
                null);
        ConnectionWalk.Walk walk = ConnectionWalk.forward((cursor, limit) -> calls.send(key, projectId,
                listCall(query, cursor, limit)), null, 1, c -> connectionId.equals(c.path("id").asString()),
                MAX_UPSTREAM_PAGES * 2);
        if (walk.rows().isEmpty()) {
            throw new ApiException.NotFound("Activepieces connection", connectionId);
        }
        return walk.rows().get(0);
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

    /** Whether Activepieces says the connection was made for this tenant. */
    private static boolean sameTenant(JsonNode connection, UUID tenant) {
        return Objects.equals(connection.path("metadata").path("tenantId").asString(null), tenant.toString());
    }
}
