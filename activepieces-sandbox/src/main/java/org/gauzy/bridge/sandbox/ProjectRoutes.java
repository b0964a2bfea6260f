package org.gauzy.bridge.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gauzy.bridge.sandbox.Model.Project;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/projects}, {@code /api/v1/authentication/sign-in}, and before 0.75
 * {@code /api/v1/authentication/switch-project}, which gives a session for another project
 * ({@code authentication/authentication.controller.ts} @be989f5cba).
 */
final class ProjectRoutes {

    private final Store store;
    private final Security security;
    private final UserTokens tokens;
    private final ApVersion version;
    private final JsonMapper json;

    ProjectRoutes(Store store, Security security, UserTokens tokens, ApVersion version, JsonMapper json) {
        this.store = store;
        this.security = security;
        this.tokens = tokens;
        this.version = version;
        this.json = json;
    }

    void register(Router router) {
        // Public flags, among them the release and edition (flags/flag.service.ts @be989f5cba and @66f43de175).
        router.add(
                        "GET",
                        "/api/v1/flags",
                        request -> Reply.ok(Map.of(
                                "CURRENT_VERSION",
                                version.toString(),
                                "EDITION",
                                "ee",
                                "LATEST_VERSION",
                                version.toString())))
                .add("GET", "/api/v1/projects", this::list)
                .add("POST", "/api/v1/projects", this::create)
                .add("POST", "/api/v1/projects/:id", this::update)
                .add("POST", "/api/v1/authentication/sign-in", this::signIn);
        if (version.atLeast(0, 76)) {
            // GET /v1/projects/:id arrives with 74966a91db and first ships in 0.76.1
            router.add("GET", "/api/v1/projects/:id", this::get);
        }
        if (!version.securityV2()) {
            router.add("POST", "/api/v1/authentication/switch-project", this::switchProject);
        }
    }

    /**
     * API keys see every project of their platform (the owner's view); users those they may enter.
     * Ordered by type, display name and id, not by creation.
     */
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
            var page = Seek.pageByFields(
                    visible,
                    List.of("type", "displayName", "id"),
                    p -> List.of(Project.TYPE, p.displayName, p.id),
                    request.query("cursor"),
                    limit,
                    json);
            return Reply.ok(ConnectionRoutes.seekPage(
                    page.data().stream().map(Project::json).toList(), page));
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
            var user = store.userByEmail(email)
                    .filter(u -> u.password.equals(password))
                    .orElseThrow(() -> ApError.domain(401, "INVALID_CREDENTIALS", null));
            return Reply.ok(authenticationResponse(user, store.defaultProject(user.id)));
        }
    }

    /** A session for another project of the user's platform, which the user may enter. */
    private Reply switchProject(Request request) {
        JsonNode body = Body.object(request.json(), "body");
        String projectId = Body.string(body, "projectId", "body");
        Principal principal = security.authenticateUser(request);
        synchronized (store) {
            Project project = store.projects.get(projectId);
            if (project == null) {
                throw ApError.entityNotFound("project", projectId);
            }
            if (!project.platformId.equals(principal.platformId()) || !mayEnter(principal, project)) {
                throw ApError.authorization("The user is not a member of the project");
            }
            Model.User user = principal.user();
            if (user == null) {
                throw ApError.authorization("Only a signed-in user switches projects");
            }
            return Reply.ok(authenticationResponse(user, projectId));
        }
    }

    /** {@code AuthenticationResponse}: the user, a session token and the project it lands in. */
    private Map<String, @Nullable Object> authenticationResponse(Model.User user, @Nullable String projectId) {
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
        out.put("token", tokens.issue(user, version.securityV2() ? null : projectId, UserTokens.DEFAULT_TTL));
        out.put("projectId", projectId);
        return out;
    }

    private boolean mayEnter(Principal principal, Project project) {
        return project.ownerId.equals(principal.userId())
                || (principal.user() != null && "ADMIN".equals(principal.user().platformRole));
    }

    private void requireFreeExternalId(String platformId, @Nullable String externalId, @Nullable String except) {
        if (externalId == null) {
            return;
        }
        boolean taken = store.projects.values().stream()
                .anyMatch(p ->
                        p.platformId.equals(platformId) && externalId.equals(p.externalId) && !p.id.equals(except));
        if (taken) {
            throw ApError.domain(409, "PROJECT_EXTERNAL_ID_ALREADY_EXISTS", Map.of("externalId", externalId));
        }
    }
}
