package org.gauzy.bridge.activepieces;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Keeps tenants apart on a shared Activepieces platform. With a tenant's own key it may use any
 * project that key reaches (Activepieces enforces that). With the global key it may use only projects
 * bound to it: its own {@code gauzy-tenant-<tenantId>} project, created on first use, or one its admin
 * bound and no other tenant holds.
 */
@Component
class ProjectAccess {

    private final ProjectBindingRepository bindings;
    private final ActivepiecesCalls calls;
    private final Clock clock;

    ProjectAccess(ProjectBindingRepository bindings, ActivepiecesCalls calls, Clock clock) {
        this.bindings = bindings;
        this.calls = calls;
        this.clock = clock;
    }

    static String externalId(UUID tenant) {
        return "gauzy-tenant-" + tenant;
    }

    /** Refuses (403) a project the caller may not use with this key. */
    String require(RequestContext context, Credential key, String projectId) {
        return require(context.tenant(), key, projectId);
    }

    /** {@link #require(RequestContext, Credential, String)} for a tenant, outside any request. */
    String require(UUID tenant, Credential key, String projectId) {
        ActivepiecesIds.require("projectId", projectId);
        if (key.global() && !bindings.isBound(tenant, projectId)) {
            if (!ownProject(tenant, key).equals(projectId)) {
                throw new ApiException.Forbidden("Project " + projectId + " is not bound to your tenant: with the "
                        + "shared Activepieces key you may use your tenant's own project or one your admin bound");
            }
        }
        return projectId;
    }

    /** The tenant's own project on the shared platform, created and bound on first use. */
    String ownProject(RequestContext context, Credential key) {
        return ownProject(context.tenant(), key);
    }

    private String ownProject(UUID tenant, Credential key) {
        String externalId = externalId(tenant);
        JsonNode found = calls.send(
                        key,
                        null,
                        ActivepiecesHttp.Call.get("projects")
                                .param("externalId", externalId)
                                .param("limit", 1))
                .path("data");
        String projectId = found.size() > 0
                ? found.get(0).path("id").asString()
                : calls.send(
                                key,
                                null,
                                ActivepiecesHttp.Call.post(
                                        Map.of("displayName", "Gauzy tenant " + tenant, "externalId", externalId),
                                        "projects"))
                        .path("id")
                        .asString();
        bindings.bind(tenant, projectId, OffsetDateTime.now(clock));
        return projectId;
    }

    /** Binds a project of the shared platform to the caller's tenant. */
    void bind(RequestContext context, Credential key, String projectId) {
        ActivepiecesIds.require("projectId", projectId);
        UUID tenant = context.tenant();
        JsonNode project = project(key, projectId);
        String externalId = project.path("externalId").asString("");
        if (externalId.startsWith("gauzy-tenant-") && !externalId.equals(externalId(tenant))) {
            throw new ApiException.Conflict("Project " + projectId + " belongs to another tenant");
        }
        if (!bindings.bind(tenant, projectId, OffsetDateTime.now(clock))
                && !bindings.holder(projectId).map(tenant::equals).orElse(false)) {
            throw new ApiException.Conflict("Project " + projectId + " is already bound to another tenant");
        }
    }

    /**
     * One project: read by id where Activepieces can ({@code GET /v1/projects/:id} first ships in 0.76.1,
     * 74966a91db), else found in the list of projects the credential sees.
     */
    JsonNode project(Credential key, String projectId) {
        try {
            return calls.send(key, projectId, ActivepiecesHttp.Call.get("projects", projectId));
        } catch (ActivepiecesFailure failure) {
            if (failure.upstreamStatus != 404 || failure.upstreamCode != null) {
                throw failure;
            }
        }
        String cursor = null;
        for (int page = 0; page < ConnectionService.MAX_UPSTREAM_PAGES; page++) {
            JsonNode upstream = calls.send(
                    key,
                    null,
                    ActivepiecesHttp.Call.get("projects")
                            .param("cursor", cursor)
                            .param("limit", 100));
            for (JsonNode project : upstream.path("data")) {
                if (projectId.equals(project.path("id").asString())) {
                    return project;
                }
            }
            cursor = upstream.path("next").asString(null);
            if (cursor == null || upstream.path("data").isEmpty()) {
                break;
            }
        }
        throw new ApiException.NotFound("Activepieces project", projectId);
    }

    List<String> bound(RequestContext context) {
        return bindings.projects(context.tenant());
    }

    /** A project as a picker offers it. */
    record Choice(String id, String displayName) {}

    /** The first hundred projects the caller may use, for a picker. */
    List<Choice> choices(RequestContext context, Credential key) {
        return visible(context, key, null, 100).data().stream()
                .map(p -> new Choice(
                        p.path("id").asString(),
                        p.path("displayName").asString(p.path("id").asString())))
                .toList();
    }

    /**
     * The projects the caller may use: Activepieces' page of projects for the tenant's own key; with
     * the shared key, the tenant's own project and those bound to it, in one page.
     */
    SeekPage<JsonNode> visible(
            RequestContext context, Credential key, @Nullable String cursor, @Nullable Integer limit) {
        if (!key.global()) {
            JsonNode page = calls.send(
                    key,
                    null,
                    ActivepiecesHttp.Call.get("projects")
                            .param("cursor", cursor)
                            .param("limit", limit == null ? null : Math.max(1, Math.min(100, limit))));
            var data = new ArrayList<JsonNode>();
            page.path("data").forEach(data::add);
            return SeekPage.of(page, data);
        }
        ownProject(context, key);
        var data = new ArrayList<JsonNode>();
        for (String project : bound(context)) {
            data.add(project(key, project));
        }
        return new SeekPage<>(data, null, null);
    }
}
