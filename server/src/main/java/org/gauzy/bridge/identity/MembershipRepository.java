package org.gauzy.bridge.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which organizations of the tenant each user belongs to (Gauzy's {@code user_organization}). */
@Repository
class MembershipRepository {

    record Membership(
            UUID id, UUID tenantId, UUID userId, UUID organizationId, boolean isActive, OffsetDateTime createdAt) {}

    private final JdbcClient jdbc;

    MembershipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Membership m) {
        jdbc.sql("""
                insert into user_organization (id, tenant_id, user_id, organization_id, is_active, created_at)
                values (:id, :tenant, :user, :org, :active, :created)""")
                .param("id", m.id())
                .param("tenant", m.tenantId())
                .param("user", m.userId())
                .param("org", m.organizationId())
                .param("active", m.isActive())
                .param("created", m.createdAt())
                .update();
    }

    /** The tenant's memberships, of one user when {@code user} is given. */
    List<Membership> list(UUID tenant, @Nullable UUID user) {
        var sql = jdbc.sql("select id, tenant_id, user_id, organization_id, is_active, created_at"
                        + " from user_organization where tenant_id = :tenant"
                        + (user == null ? "" : " and user_id = :user") + " order by created_at, id")
                .param("tenant", tenant);
        if (user != null) {
            sql = sql.param("user", user);
        }
        return sql.query(MembershipRepository::map).list();
    }

    Optional<Membership> find(UUID tenant, UUID id) {
        return jdbc.sql("""
                select id, tenant_id, user_id, organization_id, is_active, created_at
                from user_organization where tenant_id = :tenant and id = :id""")
                .param("tenant", tenant)
                .param("id", id)
                .query(MembershipRepository::map)
                .optional();
    }

    void delete(UUID tenant, UUID id) {
        jdbc.sql("delete from user_organization where tenant_id = :tenant and id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .update();
    }

    private static Membership map(ResultSet rs, int row) throws SQLException {
        return new Membership(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getBoolean("is_active"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
