package org.gauzy.bridge.identity;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What every authenticated request needs to know about its caller, in one query: the live session
 * with its user, role and memberships. The role's permissions are read only when they have changed
 * since this node last read them (see {@link RolePermissions}).
 */
@Repository
class SessionContextRepository {

    /**
     * @param permissionsVersion the role's count of permission changes; null without a role
     * @param memberships the organizations the user is an active member of
     * @param clientId the OAuth client a delegated session belongs to; null for a sign-in
     * @param scopes the delegated session's scopes, space-separated
     * @param grantedOrganization the one organization a delegated session may act in
     */
    record Caller(
            UUID userId,
            String email,
            @Nullable UUID tenantId,
            @Nullable UUID roleId,
            @Nullable String role,
            @Nullable Long permissionsVersion,
            boolean isActive,
            @Nullable UUID lastOrganizationId,
            Set<UUID> memberships,
            @Nullable String clientId,
            @Nullable String scopes,
            @Nullable UUID grantedOrganization) {}

    private final JdbcClient jdbc;

    SessionContextRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The caller of a session that is neither revoked nor expired, by a token that was not revoked on its
     * own: one row per membership (one row with none when there are none).
     */
    Optional<Caller> caller(UUID session, UUID user, String tokenId, OffsetDateTime now) {
        Set<UUID> memberships = new HashSet<>();
        // Every row's caller sees the memberships of all rows once the query has run.
        Set<UUID> membershipsView = Collections.unmodifiableSet(memberships);
        List<Caller> rows = jdbc.sql("""
                select u.id, u.email, u.tenant_id, u.role_id, r.name as role_name, r.permissions_version, u.is_active,
                    u.last_organization_id, s.client_id, s.scopes, s.organization_id, m.organization_id as member_of
                from user_session s
                join app_user u on u.id = s.user_id
                left join role r on r.id = u.role_id and r.tenant_id = u.tenant_id
                left join user_organization m on m.user_id = u.id and m.tenant_id = u.tenant_id and m.is_active = true
                where s.id = :session and s.user_id = :user and s.revoked_at is null and s.expires_at > :now
                    and not exists (select 1 from revoked_access_token t where t.jti = :jti)""")
                .param("session", session)
                .param("user", user)
                .param("now", now)
                .param("jti", tokenId)
                // By position: it runs on every request, and looking columns up by name costs more than the read.
                .query((rs, n) -> {
                    UUID member = rs.getObject(12, UUID.class);
                    if (member != null) {
                        memberships.add(member);
                    }
                    long version = rs.getLong(6);
                    Long permissionsVersion = rs.wasNull() ? null : version;
                    return new Caller(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getObject(3, UUID.class),
                            rs.getObject(4, UUID.class),
                            rs.getString(5),
                            permissionsVersion,
                            rs.getBoolean(7),
                            rs.getObject(8, UUID.class),
                            membershipsView,
                            rs.getString(9),
                            rs.getString(10),
                            rs.getObject(11, UUID.class));
                })
                .list();
        return rows.stream().findFirst();
    }

    /** Who a delegated session acts for, in one query: only while the user is active and still a member. */
    record Delegate(UUID tenantId, @Nullable String role, UUID organizationId) {}

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
                .param("session", session)
                .param("user", user)
                .param("now", now)
                .query((rs, n) -> new Delegate(
                        rs.getObject("tenant_id", UUID.class),
                        rs.getString("role_name"),
                        rs.getObject("organization_id", UUID.class)))
                .optional();
    }
}
