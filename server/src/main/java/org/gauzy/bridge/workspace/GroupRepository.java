package org.gauzy.bridge.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class GroupRepository {

    private static final String COLUMNS = "id, tenant_id, organization_id, name, description, created_at, updated_at";

    private final JdbcClient jdbc;

    GroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(GroupKind kind, GroupView g) {
        jdbc.sql("insert into " + kind.table + " (" + COLUMNS + ") values (:id, :tenant, :org, :name, :description,"
                        + " :created, :updated)")
                .param("id", g.id())
                .param("tenant", g.tenantId())
                .param("org", g.organizationId())
                .param("name", g.name())
                .param("description", g.description())
                .param("created", g.createdAt())
                .param("updated", g.updatedAt())
                .update();
    }

    void update(GroupKind kind, GroupView g) {
        jdbc.sql("update " + kind.table + " set name = :name, description = :description, updated_at = :updated"
                        + " where tenant_id = :tenant and id = :id")
                .param("name", g.name())
                .param("description", g.description())
                .param("updated", g.updatedAt())
                .param("tenant", g.tenantId())
                .param("id", g.id())
                .update();
    }

    Optional<GroupView> find(GroupKind kind, UUID tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from " + kind.table + " where tenant_id = :tenant and id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .query(GroupRepository::map)
                .optional();
    }

    List<GroupView> findAll(GroupKind kind, UUID tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from " + kind.table + " where tenant_id = :tenant and id in (:ids)")
                .param("tenant", tenant)
                .param("ids", ids)
                .query(GroupRepository::map)
                .list();
    }

    List<GroupView> list(GroupKind kind, UUID tenant, UUID organization) {
        return jdbc.sql("select " + COLUMNS + " from " + kind.table + " where tenant_id = :tenant"
                        + " and organization_id = :org order by name, id")
                .param("tenant", tenant)
                .param("org", organization)
                .query(GroupRepository::map)
                .list();
    }

    void delete(GroupKind kind, UUID tenant, UUID id) {
        jdbc.sql("delete from " + kind.table + " where tenant_id = :tenant and id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .update();
    }

    private static GroupView map(ResultSet rs, int row) throws SQLException {
        return new GroupView(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
