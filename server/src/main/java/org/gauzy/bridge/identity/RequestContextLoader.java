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

    private final SessionContextRepository sessions;
    private final Clock clock;

    RequestContextLoader(SessionContextRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Optional<RequestContext> forSession(UUID session, UUID user, @Nullable UUID tokenOrganization) {
        return sessions.caller(session, user, OffsetDateTime.now(clock))
                .filter(SessionContextRepository.Caller::isActive)
                .map(caller -> contextOf(caller, session, tokenOrganization));
    }

    private RequestContext contextOf(SessionContextRepository.Caller caller, UUID session,
            @Nullable UUID tokenOrganization) {
        UUID tenant = caller.tenantId();
        if (tenant == null || caller.roleId() == null || caller.role() == null) {
            return new RequestContext(caller.userId(), caller.email(), tenant, null, null, Set.of(), Set.of(), null,
                    session, null);
        }
        RoleName role = RoleName.valueOf(caller.role());
        var grants = sessions.grants(tenant, caller.roleId(), caller.userId());
        Set<Permission> permissions = role == RoleName.SUPER_ADMIN ? EnumSet.allOf(Permission.class) : grants.permissions();
        Set<UUID> member = grants.memberships();
        UUID organization = tokenOrganization != null && member.contains(tokenOrganization)
                ? tokenOrganization
                : caller.lastOrganizationId() != null && member.contains(caller.lastOrganizationId())
                        ? caller.lastOrganizationId()
                        : null;
        return new RequestContext(caller.userId(), caller.email(), tenant, caller.roleId(), role, permissions, member,
                organization, session, null);
    }
}
