package org.gauzy.bridge.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link RequestContext} of a token from the database: the session must be live and the
 * user active, and the role, permissions and memberships are read as they are now.
 */
@Component
class RequestContextLoader {

    private static final Set<Permission> ORGANIZATION_WIDE =
            EnumSet.of(Permission.ALL_ORG_VIEW, Permission.ALL_ORG_EDIT);

    private final SessionContextRepository sessions;
    private final RolePermissions rolePermissions;
    private final Clock clock;

    RequestContextLoader(SessionContextRepository sessions, RolePermissions rolePermissions, Clock clock) {
        this.sessions = sessions;
        this.rolePermissions = rolePermissions;
        this.clock = clock;
    }

    /**
     * In no transaction of its own: the caller is one statement, and a role's permissions, when they have changed,
     * are read by the version that statement gave. Under READ COMMITTED a transaction would add no consistency,
     * and on every authenticated request it would cost a begin and a commit (see {@code IntegrationTenants}).
     */
    Optional<RequestContext> forSession(UUID session, UUID user, String tokenId, @Nullable UUID tokenOrganization) {
        return sessions.caller(session, user, tokenId, OffsetDateTime.now(clock))
                .filter(SessionContextRepository.Caller::isActive)
                .map(caller -> caller.clientId() == null
                        ? contextOf(caller, session, tokenOrganization)
                        : delegated(contextOf(caller, session, caller.grantedOrganization()), caller));
    }

    /**
     * A session delegated to an OAuth client acts only in the organization the user consented to and
     * only within its scopes, however widely the user's role reaches.
     */
    private static RequestContext delegated(RequestContext user, SessionContextRepository.Caller caller) {
        UUID granted = caller.grantedOrganization();
        boolean stillMember = granted != null && user.memberships().contains(granted);
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        permissions.addAll(user.permissions());
        permissions.removeAll(ORGANIZATION_WIDE);
        return new RequestContext(
                user.userId(),
                user.email(),
                user.tenantId(),
                user.roleId(),
                user.role(),
                stillMember ? permissions : Set.of(),
                stillMember ? Set.of(granted) : Set.of(),
                stillMember ? granted : null,
                user.sessionId(),
                scopesOf(caller.scopes()));
    }

    static Set<String> scopesOf(@Nullable String scopes) {
        return scopes == null || scopes.isBlank()
                ? Set.of()
                : Arrays.stream(scopes.trim().split(" +")).collect(Collectors.toUnmodifiableSet());
    }

    private RequestContext contextOf(
            SessionContextRepository.Caller caller, UUID session, @Nullable UUID tokenOrganization) {
        UUID tenant = caller.tenantId();
        if (tenant == null || caller.roleId() == null || caller.role() == null || caller.permissionsVersion() == null) {
            return new RequestContext(
                    caller.userId(), caller.email(), tenant, null, null, Set.of(), Set.of(), null, session, null);
        }
        RoleName role = RoleName.valueOf(caller.role());
        Set<Permission> permissions = role == RoleName.SUPER_ADMIN
                ? EnumSet.allOf(Permission.class)
                : rolePermissions.of(tenant, caller.roleId(), caller.permissionsVersion());
        Set<UUID> member = caller.memberships();
        UUID organization = tokenOrganization != null && member.contains(tokenOrganization)
                ? tokenOrganization
                : caller.lastOrganizationId() != null && member.contains(caller.lastOrganizationId())
                        ? caller.lastOrganizationId()
                        : null;
        return new RequestContext(
                caller.userId(),
                caller.email(),
                tenant,
                caller.roleId(),
                role,
                permissions,
                member,
                organization,
                session,
                null);
    }
}
