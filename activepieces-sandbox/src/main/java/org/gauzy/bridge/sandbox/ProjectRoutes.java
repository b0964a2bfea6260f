package org.gauzy.bridge.sandbox;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.gauzy.bridge.sandbox.Model.Project;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/v1/projects} and {@code /api/v1/authentication/sign-in}. */
final class ProjectRoutes {

    private final Store store;
    private final Security security;
    private final UserTokens tokens;

    ProjectRoutes(Store store, Security security, UserTokens tokens) {
        this.store = store;
        this.security = security;
        this.tokens = tokens;
    }

    void register(Router router) {
        router.add("GET", "/api/v1/projects", this::list)
                .add("GET", "/api/v1/projects/:id", this::get)
                .add("POST", "/api/v1/projects", this::create)
                .add("POST", "/api/v1/projects/:id", this::update)
                .add("POST", "/api/v1/authentication/sign-in", this::signIn);
    }

    /** API keys see every project of their platform (the owner's view); users those they may enter. */
    private Reply list(Request request) {
        int limit = Seek.limit(request, 50);
        String externalId = request.query("externalId");
        String displayName = request.query("displayName");
        Principal principal = security.authenticate(request);
        synchronized (store) {
            var visible = store.projects.values().stream()
                    .filter(p -> p.platformId.equals(principal.platformId()))
                    .filter(p -> principal.type() == Principal.Type.SERVICE || mayEnter(principal, p))
                    .filter(p -> externalId == null || externalId.equals(p.externalId))
                    .filter(p -> displayName == null
                            || p.displayName.toLowerCase(Locale.ROOT).contains(displayName.toLowerCase(Locale.ROOT)))
                    .toList();
            var page = Seek.page(visible, p -> p.created.toEpochMilli(), false, request.query("cursor"), limit);
            return Reply.ok(ConnectionRoutes.seekPage(page.data().stream().map(Project::json).toList(), page));
        }
    }

    private Reply get(Request request) {
        String id = Body.apId(request, "id");
        Principal principal = security.authenticate(request);
        synchronized (store) {
            return Reply.ok(security.project(principal, id).json());
        }
    }

    private Reply create(Request request) {
        JsonNode body = Body.object(request.json(), "body");
        String displayName = Body.string(body, "displayName", "body");
        String externalId = Body.optionalString(body, "externalId", "body");
        Principal principal = security.authenticate(request);
        synchronized (store) {
            requireFreeExternalId(principal.platformId(), externalId, null);
            Project project = store.addProject(principal.platformId(), null, displayName, externalId);
            if (body.get("metadata") instanceof ObjectNode metadata) {
                project.metadata = metadata.deepCopy();
            }
            return Reply.created(project.json());
        }
    }

    private Reply update(Request request) {
        String id = Body.apId(request, "id");
        JsonNode body = Body.object(request.json(), "body");
        String displayName = Body.optionalString(body, "displayName", "body");
        String externalId = Body.optionalString(body, "externalId", "body");
        Principal principal = security.authenticate(request);
        synchronized (store) {
            Project project = security.project(principal, id);
            if (displayName != null) {
                project.displayName = displayName;
            }
            if (externalId != null) {
                requireFreeExternalId(principal.platformId(), externalId, project.id);
                project.externalId = externalId;
            }
            if (body.get("metadata") instanceof ObjectNode metadata) {
                project.metadata = metadata.deepCopy();
            }
            project.updated = store.clock.now();
            return Reply.ok(project.json());
        }
    }

    private Reply signIn(Request request) {
        JsonNode body = Body.object(request.json(), "body");
        String email = Body.string(body, "email", "body");
        String password = Body.string(body, "password", "body");
        synchronized (store) {
            var user = store.userByEmail(email).filter(u -> u.password.equals(password))
                    .orElseThrow(() -> ApError.domain(401, "INVALID_CREDENTIALS", null));
            String defaultProject = store.projects.values().stream()
                    .filter(p -> p.ownerId.equals(user.id)).map(p -> p.id).findFirst().orElse(null);
            var out = new LinkedHashMap<String, @Nullable Object>();
            out.put("id", user.id);
            out.put("platformRole", user.platformRole);
            out.put("status", "ACTIVE");
            out.put("externalId", null);
            out.put("platformId", user.platformId);
            out.put("verified", true);
            out.put("firstName", user.firstName);
            out.put("lastName", user.lastName);
            out.put("email", user.email);
            out.put("trackEvents", false);
            out.put("newsLetter", false);
            out.put("token", tokens.issue(user, UserTokens.DEFAULT_TTL));
            out.put("projectId", defaultProject);
            return Reply.ok(out);
        }
    }

    private boolean mayEnter(Principal principal, Project project) {
        return project.ownerId.equals(principal.userId())
                || (principal.user() != null && "ADMIN".equals(principal.user().platformRole));
    }

    private void requireFreeExternalId(String platformId, @Nullable String externalId, @Nullable String except) {
        if (externalId == null) {
            return;
        }
        boolean taken = store.projects.values().stream().anyMatch(p -> p.platformId.equals(platformId)
                && externalId.equals(p.externalId) && !p.id.equals(except));
        if (taken) {
            throw ApError.domain(409, "PROJECT_EXTERNAL_ID_ALREADY_EXISTS", Map.of("externalId", externalId));
        }
    }
}
