package org.gauzy.bridge.identity;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling: built for each request from the bearer token and the database (so a revoked
 * session, a changed role or a removed membership counts at once). Controllers receive it as a
 * method argument; services take the tenant from it, never from the request body.
 *
 * @param organizationId the organization this request acts in: the one the request names (checked
 *        against the caller's memberships), else the token's, else the user's last one
 * @param scopes the OAuth scopes of the token, which limit it further; null for a sign-in session
 */
// Never a parameter a caller sends: hidden from the API document, which would otherwise list it on every route.
@Hidden
public record RequestContext(
        UUID userId,
        String email,
        @Nullable UUID tenantId,
        @Nullable UUID roleId,
        @Nullable RoleName role,
        Set<Permission> permissions,
        Set<UUID> memberships,
        @Nullable UUID organizationId,
        UUID sessionId,
        @Nullable Set<String> scopes) {

    /** The scope that covers everything the user may do: what the ever-gauzy piece asks for. */
    public static final String ALL_SCOPE = "gauzy:all";

    public RequestContext {
        // An EnumSet copies as a bit mask; a role holds a hundred permissions, and this runs on every request.
        permissions = permissions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
        memberships = Set.copyOf(memberships);
        scopes = scopes == null ? null : Set.copyOf(scopes);
    }

    /** The signed-in caller of the request being served, if there is one. */
    public static java.util.Optional<RequestContext> current() {
        return org.springframework.security.core.context.SecurityContextHolder.getContext()
                                .getAuthentication()
                        instanceof ContextAuthentication authentication
                ? java.util.Optional.of(authentication.getPrincipal())
                : java.util.Optional.empty();
    }

    /** Whether the token's scopes (if it has any) cover this permission, for a read or a change. */
    public boolean scopesCover(Permission permission, boolean write) {
        String family = permission.scopeFamily();
        return family == null ? scopes == null || scopes.contains(ALL_SCOPE) : scopesCover(family, write);
    }

    /**
     * Whether the token's scopes (if it has any) cover a scope family ({@code tasks}) for a read or a
     * change. A write scope covers reading too: what may be changed may be seen.
     */
    public boolean scopesCover(String family, boolean write) {
        return scopes == null
                || scopes.contains(ALL_SCOPE)
                || scopes.contains(family + ":write")
                || (!write && scopes.contains(family + ":read"));
    }

    /** The caller's tenant; a user who has not created or joined one yet is refused. */
    public UUID tenant() {
        if (tenantId == null) {
            throw new ApiException.Forbidden("You do not belong to a tenant yet: create one with POST /api/tenant");
        }
        return tenantId;
    }

    /** The organization this request acts in; refused when the request names none and the user has none. */
    public UUID organization() {
        if (organizationId == null) {
            throw new ApiException.BadRequest("organizationId is required: name the organization to act in");
        }
        return organizationId;
    }

    public boolean has(Permission permission) {
        return permissions.contains(permission);
    }

    /** Whether the role sees every organization of the tenant, not only the user's own. */
    public boolean seesAllOrganizations(boolean write) {
        return has(Permission.ALL_ORG_EDIT) || (!write && has(Permission.ALL_ORG_VIEW));
    }

    RequestContext inOrganization(UUID organization) {
        return new RequestContext(
                userId, email, tenantId, roleId, role, permissions, memberships, organization, sessionId, scopes);
    }
}
