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
    private final ActivepiecesHttp http;
    private final Clock clock;

    ProjectAccess(ProjectBindingRepository bindings, ActivepiecesHttp http, Clock clock) {
        this.bindings = bindings;
        this.http = http;
        this.clock = clock;
    }

    static String externalId(UUID tenant) {
        return "gauzy-tenant-" + tenant;
    }

    /** Refuses (403) a project the caller may not use with this key. */
    String require(RequestContext context, ApiKeyResolver.ResolvedKey key, String projectId) {
        ActivepiecesIds.require("projectId", projectId);
        if (key.global() && !bindings.isBound(context.tenant(), projectId)) {
            if (!ownProject(context, key).equals(projectId)) {
                throw new ApiException.Forbidden("Project " + projectId + " is not bound to your tenant: with the "
                        + "shared Activepieces key you may use your tenant's own project or one your admin bound");
            }
        }
        return projectId;
    }

    /** The tenant's own project on the shared platform, created and bound on first use. */
    String ownProject(RequestContext context, ApiKeyResolver.ResolvedKey key) {
        UUID tenant = context.tenant();
        String externalId = externalId(tenant);
        JsonNode found = http.send(key.apiKey(), ActivepiecesHttp.Call.get("projects").param("externalId", externalId)
                .param("limit", 1)).path("data");
        String projectId = found.size() > 0 ? found.get(0).path("id").asString()
                : http.send(key.apiKey(), ActivepiecesHttp.Call.post(Map.of("displayName", "Gauzy tenant " + tenant,
                        "externalId", externalId), "projects")).path("id").asString();
        bindings.bind(tenant, projectId, OffsetDateTime.now(clock));
        return projectId;
    }

    /** Binds a project of the shared platform to the caller's tenant. */
    void bind(RequestContext context, ApiKeyResolver.ResolvedKey key, String projectId) {
        ActivepiecesIds.require("projectId", projectId);
        UUID tenant = context.tenant();
        JsonNode project = http.send(key.apiKey(), ActivepiecesHttp.Call.get("projects", projectId));
        String externalId = project.path("externalId").asString("");
        if (externalId.startsWith("gauzy-tenant-") && !externalId.equals(externalId(tenant))) {
            throw new ApiException.Conflict("Project " + projectId + " belongs to another tenant");
        }
        if (!bindings.bind(tenant, projectId, OffsetDateTime.now(clock))
                && !bindings.holder(projectId).map(tenant::equals).orElse(false)) {
            throw new ApiException.Conflict("Project " + projectId + " is already bound to another tenant");
        }
    }

    List<String> bound(RequestContext context) {
        return bindings.projects(context.tenant());
    }

    /** A project as a picker offers it. */
    record Choice(String id, String displayName) {
    }

    /** The first hundred projects the caller may use, for a picker. */
    List<Choice> choices(RequestContext context, ApiKeyResolver.ResolvedKey key) {
        return visible(context, key, null, 100).data().stream().map(p -> new Choice(p.path("id").asString(),
                p.path("displayName").asString(p.path("id").asString()))).toList();
    }

    /**
     * The projects the caller may use: Activepieces' page of projects for the tenant's own key; with
     * the shared key, the tenant's own project and those bound to it, in one page.
     */
    SeekPage<JsonNode> visible(RequestContext context, ApiKeyResolver.ResolvedKey key, @Nullable String cursor,
            @Nullable Integer limit) {
        if (!key.global()) {
            JsonNode page = http.send(key.apiKey(), ActivepiecesHttp.Call.get("projects").param("cursor", cursor)
                    .param("limit", limit == null ? null : Math.max(1, Math.min(100, limit))));
            var data = new ArrayList<JsonNode>();
            page.path("data").forEach(data::add);
            return SeekPage.of(page, data);
        }
        ownProject(context, key);
        var data = new ArrayList<JsonNode>();
        for (String project : bound(context)) {
            data.add(http.send(key.apiKey(), ActivepiecesHttp.Call.get("projects", project)));
        }
        return new SeekPage<>(data, null, null);
    }
}
