package org.gauzy.bridge.activepieces;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
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
import java.util.function.Predicate;
import org.gauzy.bridge.identity.DelegatedAccess;
import org.gauzy.bridge.identity.OrganizationDirectory;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.integration.IntegrationTenants;
import org.gauzy.bridge.integration.Setting;
import org.gauzy.bridge.oauth.ConnectionAuthorizer;
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
    /** The OAuth client made for an OAUTH2 connection, deleted with it (which ends its grant). */
    static final String OAUTH_CLIENT = "oauth_client_id";
    /** Registered on a connection's client and sent back by Activepieces with the code; never visited. */
    static final String OAUTH_REDIRECT_PATH = "/api/integration/activepieces/connection/oauth-redirect";
    /** What a token minted for a connection is delegated to: the piece acts as the user, with every scope. */
    static final String TOKEN_PURPOSE = "activepieces-connection";
    /** How many Activepieces pages one of our pages may read while filtering out other tenants. */
    static final int MAX_UPSTREAM_PAGES = 50;

    /** A list request, validated. */
    record ListQuery(
            String projectId,
            @Nullable String cursor,
            int limit,
            @Nullable String pieceName,
            @Nullable String displayName,
            List<String> status,
            @Nullable String scope) {}

    private final ActivepiecesCalls calls;
    private final DelegatedAccess access;
    private final ConnectionAuthorizer authorizer;
    private final CredentialResolver keys;
    private final ProjectAccess projects;
    private final IntegrationTenants integrations;
    private final OrganizationDirectory organizations;
    private final ActivepiecesSettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final String gauzyVersion;
    private final Map<String, Boolean> hasGetById = new ConcurrentHashMap<>();

    ConnectionService(
            ActivepiecesCalls calls,
            CredentialResolver keys,
            ProjectAccess projects,
            IntegrationTenants integrations,
            OrganizationDirectory organizations,
            DelegatedAccess access,
            ConnectionAuthorizer authorizer,
            ActivepiecesSettings settings,
            JsonMapper json,
            Clock clock,
            ObjectProvider<BuildProperties> build) {
        this.authorizer = authorizer;
        this.calls = calls;
        this.access = access;
        this.keys = keys;
        this.projects = projects;
        this.integrations = integrations;
        this.organizations = organizations;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        if (settings.gauzyUrl() != null && !settings.gauzyUrl().isBlank()) {
            try {
                gauzyUrl(settings.gauzyUrl());
            } catch (ApiException invalid) {
                throw new IllegalStateException("ACTIVEPIECES_GAUZY_URL must be the http or https base URL at which "
                        + "Activepieces reaches Gauzy, without query or fragment");
            }
        }
        BuildProperties info = build.getIfAvailable();
        String version = info == null ? null : info.getVersion();
        this.gauzyVersion = version == null ? "development" : version;
    }

    static String externalId(UUID tenant, UUID organization) {
        return "gauzy-tenant-" + tenant + "-org-" + organization;
    }

    /** The kind of connection to make: what the ever-gauzy piece can use, or the seed's token in a secret. */
    enum Kind {
        OAUTH2,
        SECRET_TEXT
    }

    /**
     * Creates or replaces the organization's connection, and records it on its installation.
     *
     * <p>OAUTH2 is the connection the {@code ever-gauzy} piece can use: its auth is OAuth2 and it reads
     * {@code access_token} and {@code props.environment} from the connection, which a SECRET_TEXT value
     * does not have. As the authorization server, this service registers a client for the connection and
     * issues a code for the signed-in user; Activepieces exchanges the code at our token endpoint and
     * refreshes the tokens itself. SECRET_TEXT keeps the seed's form: a Gauzy access token in a secret.
     *
     * @param accessToken the token of a SECRET_TEXT connection
     * @param gauzyUrl where Activepieces reaches this service (the piece's {@code environment}); null for the
     *        configured one
     */
    ObjectNode upsert(
            RequestContext context,
            Kind kind,
            @Nullable String accessToken,
            String projectId,
            @Nullable String name,
            @Nullable String gauzyUrl) {
        UUID tenant = context.tenant();
        UUID organization = context.organization();
        var installation = integrations
                .find(tenant, organization, IntegrationTenants.ACTIVEPIECES)
                .flatMap(id -> integrations.view(tenant, id));
        if (installation.isPresent() && !installation.get().isEnabled()) {
            throw new ApiException.Conflict(
                    "The Activepieces integration of this organization is disabled; enable it first");
        }
        if (kind == Kind.SECRET_TEXT && (accessToken == null || accessToken.isBlank())) {
            throw new ApiException.BadRequest("accessToken is required for a SECRET_TEXT connection");
        }
        var key = keys.forOrganization(context, organization);
        projects.require(context, key, projectId);
        String organizationName = organizations
                .find(tenant, organization)
                .map(o -> o.name())
                .orElseThrow(() -> new ApiException.NotFound("Organization", organization));
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
        ConnectionAuthorizer.Authorization authorization = null;
        String environment = kind == Kind.OAUTH2 ? gauzyUrl(gauzyUrl) : null;
        if (environment != null) {
            authorization = authorizer.authorize(
                    context, "Activepieces connection · " + organizationName, environment + OAUTH_REDIRECT_PATH, (int)
                            settings.connectionTokenTtl().toSeconds());
            var value = new LinkedHashMap<String, Object>();
            value.put("type", "OAUTH2");
            value.put("client_id", authorization.clientId());
            value.put("client_secret", authorization.clientSecret());
            value.put("code", authorization.code());
            value.put("redirect_url", authorization.redirectUri());
            value.put("scope", authorization.scope());
            value.put("grant_type", "authorization_code");
            value.put("authorization_method", "BODY");
            value.put("props", Map.of("environment", environment));
            body.put("type", "OAUTH2");
            body.put("value", value);
        } else {
            body.put("type", "SECRET_TEXT");
            body.put("value", Map.of("type", "SECRET_TEXT", "secret_text", accessToken));
        }
        JsonNode connection;
        try {
            connection = calls.send(key, projectId, ActivepiecesHttp.Call.post(body, "app-connections"));
        } catch (RuntimeException refused) {
            if (authorization != null) {
                authorizer.forget(tenant, authorization.clientId());
            }
            if (environment != null
                    && refused instanceof ActivepiecesFailure failure
                    && "INVALID_CLAIM".equals(failure.upstreamCode)) {
                throw notClaimed(failure, environment);
            }
            throw refused;
        }
        String newClient = authorization == null ? null : authorization.clientId();
        if (installation.isPresent()) {
            // What the replaced connection held dies with it: its minted token or its client's grant.
            UUID id = installation.get().id();
            integrations
                    .setting(tenant, id, ACCESS_TOKEN)
                    .filter(old -> !old.equals(accessToken))
                    .ifPresent(old -> access.revokeMinted(old, TOKEN_PURPOSE));
            integrations
                    .setting(tenant, id, OAUTH_CLIENT)
                    .filter(old -> !old.equals(newClient))
                    .ifPresent(old -> authorizer.forget(tenant, old));
            integrations.removeSettings(tenant, id, List.of(ACCESS_TOKEN, OAUTH_CLIENT));
        }
        var recorded = new ArrayList<Setting>(List.of(
                Setting.plain(CONNECTION_ID, connection.path("id").asString()), Setting.plain(PROJECT_ID, projectId)));
        // Without a client the connection is SECRET_TEXT, whose token was required above.
        recorded.add(
                newClient != null
                        ? Setting.plain(OAUTH_CLIENT, newClient)
                        : Setting.secret(ACCESS_TOKEN, Objects.requireNonNull(accessToken)));
        UUID integrationId = installation.isPresent()
                ? record(tenant, installation.get().id(), recorded)
                : integrations.install(tenant, organization, IntegrationTenants.ACTIVEPIECES, recorded);
        ObjectNode out = withoutSecrets(connection);
        out.put("integrationId", integrationId.toString());
        return out;
    }

    /** Where Activepieces reaches this service: as asked, else ACTIVEPIECES_GAUZY_URL, else our public URL. */
    String gauzyUrl(@Nullable String asked) {
        String url = asked != null && !asked.isBlank()
                ? asked.trim()
                : settings.gauzyUrl() != null && !settings.gauzyUrl().isBlank()
                        ? settings.gauzyUrl().trim()
                        : access.issuer();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest("gauzyUrl must be an http or https URL");
        }
        if (uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new ApiException.BadRequest("gauzyUrl must be an http or https URL without query or fragment: "
                    + "the base URL at which Activepieces reaches Gauzy");
        }
        return url.replaceAll("/+$", "");
    }

    /**
     * Activepieces answers INVALID_CLAIM when the exchange of the connection's code failed, and passes on only the
     * token endpoint's error_description: "unknown error" for a failure of its own, such as its SSRF filter's
     * refusal of a private or loopback address, and nothing when no answer came (credentials-oauth2-service.ts,
     * claim's catch, at 66f43de175). The admin is told which of the two it was and what to change.
     */
    private static ApiException notClaimed(ActivepiecesFailure failure, String gauzy) {
        String said = failure.upstreamMessage;
        if (said == null || said.equals("unknown error")) {
            return new ApiException.BadRequest(failure.getMessage() + ". Activepieces did not reach Gauzy at " + gauzy
                    + " to exchange the connection's sign-in code: gauzyUrl must be the address at which Activepieces "
                    + "reaches Gauzy, and Activepieces refuses private and loopback addresses unless its "
                    + "AP_SSRF_ALLOW_LIST names them");
        }
        return new ApiException.BadRequest(failure.getMessage() + ". The token endpoint Activepieces reached at "
                + gauzy + " refused the connection's sign-in code: gauzyUrl must be the address of this Gauzy");
    }

    /**
     * A page of the tenant's connections, {@code {data, next, previous}} with cursors of ours;
     * {@code warning} says when rows may be missing (see {@link ConnectionWalk}).
     */
    record Listing(
            List<ConnectionRow> data,
            @Nullable String next,
            @Nullable String previous,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            String warning) {}

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
        ConnectionWalk.Fetch fetch = (cursor, limit) -> page(key, query, cursor, limit);
        ConnectionWalk.PageCursor at = query.cursor() == null ? null : ConnectionWalk.readPageCursor(query.cursor());
        ConnectionWalk.Walk walk = at == null || at.forward()
                ? ConnectionWalk.forward(
                        fetch, at == null ? null : at.at(), query.limit(), ofTenant(tenant), MAX_UPSTREAM_PAGES)
                : ConnectionWalk.backward(fetch, at.at(), query.limit(), ofTenant(tenant), MAX_UPSTREAM_PAGES);
        List<ConnectionRow> rows = walk.rows();
        boolean forward = at == null || at.forward();
        boolean moreAfter = forward ? walk.more() : true;
        boolean moreBefore = forward ? at != null : walk.more();
        String next = rows.isEmpty() || !moreAfter
                ? null
                : ConnectionWalk.pageCursor(true, rows.get(rows.size() - 1).at());
        String previous = rows.isEmpty() || !moreBefore
                ? null
                : ConnectionWalk.pageCursor(false, rows.get(0).at());
        return new Listing(rows, next, previous, walk.gap() ? GAP_WARNING : null);
    }

    /** Every connection of the tenant in a project, and whether some may be missing. */
    record All(List<ConnectionRow> connections, boolean gap) {}

    /** Every connection of the tenant in a project, all pages, none lost to Activepieces' cursor. */
    All allInProject(RequestContext context, UUID integrationId, String projectId) {
        var key = keys.forIntegration(context, integrationId);
        projects.require(context, key, projectId);
        UUID tenant = context.tenant();
        var query = new ListQuery(
                projectId, null, ConnectionWalk.FIRST_LIMIT, settings.pieceName(), null, List.of(), "PROJECT");
        ConnectionWalk.Walk walk = ConnectionWalk.forward(
                (cursor, limit) -> page(key, query, cursor, limit),
                null,
                Integer.MAX_VALUE,
                ofTenant(tenant),
                MAX_UPSTREAM_PAGES * 2);
        return new All(walk.rows(), walk.gap() || walk.more());
    }

    /** The connection recorded on the installation, read by id where Activepieces can, else found by listing. */
    ObjectNode recorded(RequestContext context, UUID integrationId) {
        var key = keys.forIntegration(context, integrationId);
        UUID tenant = context.tenant();
        String connectionId = integrations
                .setting(tenant, integrationId, CONNECTION_ID)
                .orElseThrow(() -> new ApiException.NotFound("Activepieces connection of integration", integrationId));
        String projectId =
                integrations.setting(tenant, integrationId, PROJECT_ID).orElse("");
        return withoutSecrets(owned(key, tenant, projectId, connectionId));
    }

    /** Deletes the recorded connection on Activepieces (already gone counts as deleted) and forgets it. */
    void delete(RequestContext context, UUID integrationId) {
        var key = keys.forIntegration(context, integrationId);
        UUID tenant = context.tenant();
        String connectionId = integrations
                .setting(tenant, integrationId, CONNECTION_ID)
                .orElseThrow(() -> new ApiException.NotFound("Activepieces connection of integration", integrationId));
        ActivepiecesIds.require("connection id", connectionId);
        deleteUpstream(
                key, integrations.setting(tenant, integrationId, PROJECT_ID).orElse(null), connectionId);
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
        if (integrations
                .setting(tenant, integrationId, CONNECTION_ID)
                .filter(connectionId::equals)
                .isPresent()) {
            forget(tenant, integrationId);
        }
    }

    /** Forgets the recorded connection; a token minted for it dies with it, as nothing else holds it. */
    private void forget(UUID tenant, UUID integrationId) {
        integrations
                .setting(tenant, integrationId, ACCESS_TOKEN)
                .ifPresent(token -> access.revokeMinted(token, TOKEN_PURPOSE));
        integrations
                .setting(tenant, integrationId, OAUTH_CLIENT)
                .ifPresent(client -> authorizer.forget(tenant, client));
        integrations.removeSettings(
                tenant, integrationId, List.of(CONNECTION_ID, PROJECT_ID, ACCESS_TOKEN, OAUTH_CLIENT));
    }

    /** The connection, if Activepieces says it was made for this tenant; else a 404. */
    private JsonNode owned(Credential key, UUID tenant, String projectId, String connectionId) {
        ActivepiecesIds.require("connection id", connectionId);
        JsonNode connection =
                byId(key, projectId, connectionId).orElseGet(() -> byListing(key, projectId, connectionId));
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
            JsonNode connection =
                    calls.send(key, projectId, ActivepiecesHttp.Call.get("app-connections", connectionId));
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
        var query =
                new ListQuery(projectId, null, ConnectionWalk.FIRST_LIMIT, settings.pieceName(), null, List.of(), null);
        ConnectionWalk.Walk walk = ConnectionWalk.forward(
                (cursor, limit) -> page(key, query, cursor, limit),
                null,
                1,
                c -> connectionId.equals(c.id()),
                MAX_UPSTREAM_PAGES * 2);
        if (walk.rows().isEmpty()) {
            throw new ApiException.NotFound("Activepieces connection", connectionId);
        }
        return json.readTree(walk.rows().get(0).json());
    }

    private ConnectionPage page(Credential key, ListQuery query, @Nullable String cursor, int limit) {
        return calls.send(key, query.projectId(), listCall(query, cursor, limit), ConnectionPage.reader(json));
    }

    private static ActivepiecesHttp.Call listCall(ListQuery query, @Nullable String cursor, int limit) {
        var call = ActivepiecesHttp.Call.get("app-connections")
                .param("projectId", query.projectId())
                .param("cursor", cursor)
                .param("limit", limit)
                .param("pieceName", query.pieceName())
                .param("displayName", query.displayName())
                .param("scope", query.scope());
        query.status().forEach(status -> call.param("status", status));
        return call;
    }

    /**
     * Activepieces never returns {@code value}; we make sure of it whatever it sends (a listing's rows leave it
     * out as they are read, in {@link ConnectionPage}). The node is this request's own, parsed from Activepieces'
     * answer, so the field is removed in place.
     */
    private ObjectNode withoutSecrets(JsonNode connection) {
        ObjectNode row = connection instanceof ObjectNode object ? object : json.createObjectNode();
        row.remove("value");
        return row;
    }

    /** Whether Activepieces says the connection was made for this tenant. */
    private static boolean sameTenant(JsonNode connection, UUID tenant) {
        return Objects.equals(connection.path("metadata").path("tenantId").asString(null), tenant.toString());
    }

    /** The rows Activepieces says were made for this tenant. */
    private static Predicate<ConnectionRow> ofTenant(UUID tenant) {
        String id = tenant.toString();
        return row -> id.equals(row.tenantId());
    }
}
