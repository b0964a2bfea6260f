package org.gauzy.bridge.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds the {@link RequestContext} of a token from the database: the session must be live and the
 * user active, and the role, permissions and memberships are read as they are now.
 */
@Component
class RequestContextLoader {

    private final SessionRepository sessions;
    private final UserRepository users;
    private final RoleRepository roles;
    private final MembershipRepository memberships;
    private final Clock clock;

    RequestContextLoader(SessionRepository sessions, UserRepository users, RoleRepository roles,
            MembershipRepository memberships, Clock clock) {
        this.sessions = sessions;
        this.users = users;
        this.roles = roles;
        this.memberships = memberships;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Optional<RequestContext> forSession(UUID session, UUID user, @Nullable UUID tokenOrganization) {
        if (sessions.findLive(session, user, OffsetDateTime.now(clock)).isEmpty()) {
            return Optional.empty();
        }
        return users.findSelf(user).filter(UserRepository.User::isActive)
                .map(u -> contextOf(u, session, tokenOrganization));
    }

    private RequestContext contextOf(UserRepository.User user, UUID session, @Nullable UUID tokenOrganization) {
        UUID tenant = user.tenantId();
        if (tenant == null || user.roleId() == null) {
            return new RequestContext(user.id(), user.email(), null, null, null, Set.of(), Set.of(), null, session, null);
        }
        RoleName role = roles.find(tenant, user.roleId()).map(RoleRepository.Role::name).orElse(null);
        Set<Permission> permissions = role == RoleName.SUPER_ADMIN
                ? EnumSet.allOf(Permission.class)
                : roles.enabledPermissions(tenant, user.roleId());
        Set<UUID> member = memberships.activeOrganizations(tenant, user.id());
        UUID organization = tokenOrganization != null && member.contains(tokenOrganization)
                ? tokenOrganization
                : user.lastOrganizationId() != null && member.contains(user.lastOrganizationId())
                        ? user.lastOrganizationId()
                        : null;
        return new RequestContext(user.id(), user.email(), tenant, user.roleId(), role, permissions, member,
                organization, session, null);
    }
}
