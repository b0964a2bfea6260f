package org.gauzy.bridge.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrganizationRepository {

    private static final String COLUMNS = "id, tenant_id, name, official_name, is_active, created_at, updated_at";

    private final JdbcClient jdbc;

    OrganizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(OrganizationView organization) {
        jdbc.sql("""
                insert into organization (id, tenant_id, name, official_name, is_active, created_at, updated_at)
                values (:id, :tenant, :name, :official, :active, :created, :updated)""")
                .param("id", organization.id())
                .param("tenant", organization.tenantId())
                .param("name", organization.name())
                .param("official", organization.officialName())
                .param("active", organization.isActive())
                .param("created", organization.createdAt())
                .param("updated", organization.updatedAt())
                .update();
    }

    Optional<OrganizationView> find(UUID tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from organization where tenant_id = :tenant and id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .query(OrganizationRepository::map)
                .optional();
    }

    boolean exists(UUID tenant, UUID id) {
        return jdbc.sql("select count(*) from organization where tenant_id = :tenant and id = :id")
                        .param("tenant", tenant)
                        .param("id", id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The tenant's organizations, or only those with the given ids when {@code only} is not null. */
    List<OrganizationView> list(UUID tenant, @Nullable Collection<UUID> only) {
        if (only != null && only.isEmpty()) {
            return List.of();
        }
        var sql = jdbc.sql("select " + COLUMNS + " from organization where tenant_id = :tenant"
                        + (only == null ? "" : " and id in (:ids)") + " order by created_at, id")
                .param("tenant", tenant);
        if (only != null) {
            sql = sql.param("ids", only);
        }
        return sql.query(OrganizationRepository::map).list();
    }

    private static OrganizationView map(ResultSet rs, int row) throws SQLException {
        return new OrganizationView(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("name"),
                rs.getString("official_name"),
                rs.getBoolean("is_active"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
