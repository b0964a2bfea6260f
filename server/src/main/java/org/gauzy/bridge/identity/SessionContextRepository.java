package org.gauzy.bridge.identity;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What every authenticated request needs to know about its caller, in two queries: the live session
 * with its user and role, then the role's permissions and the user's memberships together.
 */
@Repository
class SessionContextRepository {

    /**
     * @param clientId the OAuth client a delegated session belongs to; null for a sign-in
     * @param scopes the delegated session's scopes, space-separated
     * @param grantedOrganization the one organization a delegated session may act in
     */
    record Caller(UUID userId, String email, @Nullable UUID tenantId, @Nullable UUID roleId, @Nullable String role,
            boolean isActive, @Nullable UUID lastOrganizationId, @Nullable String clientId, @Nullable String scopes,
            @Nullable UUID grantedOrganization) {
    }

    record Grants(Set<Permission> permissions, Set<UUID> memberships) {
    }

    private final JdbcClient jdbc;

    SessionContextRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The caller of a session that is neither revoked nor expired, by a token that was not revoked on its own. */
    Optional<Caller> caller(UUID session, UUID user, String tokenId, OffsetDateTime now) {
        return jdbc.sql("""
                select u.id, u.email, u.tenant_id, u.role_id, r.name as role_name, u.is_active, u.last_organization_id,
                    s.client_id, s.scopes, s.organization_id
                from user_session s
                join app_user u on u.id = s.user_id
                left join role r on r.id = u.role_id and r.tenant_id = u.tenant_id
                where s.id = :session and s.user_id = :user and s.revoked_at is null and s.expires_at > :now
                    and not exists (select 1 from revoked_access_token t where t.jti = :jti)""")
                .param("session", session).param("user", user).param("now", now).param("jti", tokenId)
                // By position: it runs on every request, and looking columns up by name costs more than the read.
                .query((rs, n) -> new Caller(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getBoolean(6), rs.getObject(7, UUID.class),
                        rs.getString(8), rs.getString(9), rs.getObject(10, UUID.class)))
                .optional();
    }

    /** Who a delegated session acts for, in one query: only while the user is active and still a member. */
    record Delegate(UUID tenantId, @Nullable String role, UUID organizationId) {
    }

    Optional<Delegate> delegate(UUID session, UUID user, OffsetDateTime now) {
        return jdbc.sql("""
                select u.tenant_id, r.name as role_name, s.organization_id
                from user_session s
                join app_user u on u.id = s.user_id
                left join role r on r.id = u.role_id and r.tenant_id = u.tenant_id
                where s.id = :session and s.user_id = :user and s.revoked_at is null and s.expires_at > :now
                    and s.client_id is not null and u.is_active = true and u.tenant_id is not null
                    and exists (select 1 from user_organization m where m.tenant_id = u.tenant_id
                        and m.user_id = u.id and m.organization_id = s.organization_id and m.is_active = true)""")
                .param("session", session).param("user", user).param("now", now)
                .query((rs, n) -> new Delegate(rs.getObject("tenant_id", UUID.class), rs.getString("role_name"),
                        rs.getObject("organization_id", UUID.class)))
                .optional();
    }

    Grants grants(UUID tenant, UUID role, UUID user) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        Set<UUID> memberships = new HashSet<>();
        jdbc.sql("""
                select 'P' as kind, permission as grant_value from role_permission
                where tenant_id = :tenant and role_id = :role and enabled = true
                union all
                select 'O' as kind, cast(organization_id as varchar) as grant_value from user_organization
                where tenant_id = :tenant and user_id = :user and is_active = true""")
                .param("tenant", tenant).param("role", role).param("user", user)
                .query((rs, n) -> {
                    String value = rs.getString(2);
                    if ("O".equals(rs.getString(1))) {
                        memberships.add(UUID.fromString(value));
                    } else {
                        try {
                            permissions.add(Permission.valueOf(value));
                        } catch (IllegalArgumentException retired) {
                            // a permission this version no longer knows grants nothing
                        }
                    }
                    return value;
                })
                .list();
        return new Grants(permissions, memberships);
    }
}
