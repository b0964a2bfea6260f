package org.gauzy.bridge.sandbox;

import java.util.Map;
import org.gauzy.bridge.sandbox.Model.Project;
import org.gauzy.bridge.sandbox.Model.User;

/**
 * Activepieces' authentication and project access rules: an {@code sk-} bearer is a platform API key
 * looked up by SHA-256; any other bearer is a user session token; no header is principal UNKNOWN,
 * refused with 403. Project access follows security "v2" from 0.75, "v1" before (see {@link ApVersion}).
 */
final class Security {

    private final Store store;
    private final UserTokens tokens;
    private final ApVersion version;

    Security(Store store, UserTokens tokens, ApVersion version) {
        this.store = store;
        this.tokens = tokens;
        this.version = version;
    }

    /** As {@code core/security/v2/authn/authenticate.ts} @66f43de175: both prefixes are case-sensitive. */
    Principal authenticate(Request request) {
        String header = request.header("Authorization");
        if (header == null
                || !header.startsWith("Bearer ")
                || header.substring(7).isBlank()) {
            throw ApError.authorization(version.principalRefusal());
        }
        String token = header.substring(7).trim();
        if (header.startsWith("Bearer sk-")) {
            synchronized (store) {
                var key = store.apiKey(token)
                        .orElseThrow(() -> ApError.domain(401, "AUTHENTICATION", Map.of("message", "invalid api key")));
                key.lastUsedAt = store.clock.now();
                var platform = store.platforms.get(key.platformId);
                if (platform == null) {
                    throw ApError.domain(401, "AUTHENTICATION", Map.of("message", "invalid api key"));
                }
                String owner = platform.ownerId;
                return new Principal(Principal.Type.SERVICE, key.id, key.platformId, owner, null, null);
            }
        }
        UserTokens.Claims claims = tokens.verify(token).orElseThrow(Security::invalidBearer);
        synchronized (store) {
            User user = store.users.get(claims.userId());
            if (user == null) {
                throw invalidBearer();
            }
            return new Principal(Principal.Type.USER, user.id, user.platformId, user.id, user, claims.projectId());
        }
    }

    /** Routes that only a signed-in user may call: MCP management, in both generations. */
    Principal authenticateUser(Request request) {
        Principal principal = authenticate(request);
        if (principal.type() != Principal.Type.USER) {
            throw ApError.authorization(version.principalRefusal());
        }
        return principal;
    }

    /** The project, if the principal may act in it; call with the store's lock held. */
    Project project(Principal principal, String projectId) {
        if (!version.securityV2()) {
            return projectBeforeV2(principal, projectId);
        }
        Project project = store.projects.get(projectId);
        if (project == null) {
            throw ApError.entityNotFound("project", projectId);
        }
        if (principal.type() == Principal.Type.SERVICE) {
            if (!project.platformId.equals(principal.platformId())) {
                throw ApError.domain(
                        403,
                        "AUTHORIZATION",
                        Map.of("message", "Service is not allowed to access this project", "projectId", projectId));
            }
            return project;
        }
        User user = principal.user();
        boolean owner = project.ownerId.equals(principal.userId());
        boolean platformAdmin =
                user != null && project.platformId.equals(user.platformId) && "ADMIN".equals(user.platformRole);
        if (!owner && !platformAdmin) {
            throw ApError.authorization("No role found for the user");
        }
        return project;
    }

    /** Before 0.75: a key may act in any project of its platform, a session only in its own project. */
    private Project projectBeforeV2(Principal principal, String projectId) {
        Project project = store.projects.get(projectId);
        if (principal.type() == Principal.Type.SERVICE) {
            if (project == null || !project.platformId.equals(principal.platformId())) {
                throw ApError.authorization("invalid api key");
            }
            return project;
        }
        if (!projectId.equals(principal.projectId())) {
            throw ApError.authorization("invalid project id");
        }
        if (project == null) {
            throw ApError.entityNotFound("project", projectId);
        }
        return project;
    }

    private static ApError invalidBearer() {
        return ApError.domain(
                401, "INVALID_BEARER_TOKEN", Map.of("message", "invalid access token or session expired"));
    }
}
