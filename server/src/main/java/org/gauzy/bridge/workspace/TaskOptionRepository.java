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
class TaskOptionRepository {

    private static final String COLUMNS = "id, tenant_id, organization_id, name, option_value, description, color,"
            + " sort_order, is_system, created_at, updated_at";

    private final JdbcClient jdbc;

    TaskOptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts unless the organization already has an option of that kind and value; true when inserted. */
    boolean insertIfAbsent(TaskOptionKind kind, TaskOptionView o) {
        return jdbc.sql(
                                "insert into task_option (" + COLUMNS
                                        + ", kind) values (:id, :tenant, :org, :name, :value,"
                                        + " :description, :color, :order, :system, :created, :updated, :kind) on conflict do nothing")
                        .param("id", o.id())
                        .param("tenant", o.tenantId())
                        .param("org", o.organizationId())
                        .param("name", o.name())
                        .param("value", o.value())
                        .param("description", o.description())
                        .param("color", o.color())
                        .param("order", o.order())
                        .param("system", o.isSystem())
                        .param("created", o.createdAt())
                        .param("updated", o.updatedAt())
                        .param("kind", kind.name())
                        .update()
                > 0;
    }

    List<TaskOptionView> list(TaskOptionKind kind, UUID tenant, UUID organization) {
        return jdbc.sql("select " + COLUMNS + " from task_option where tenant_id = :tenant and organization_id = :org"
                        + " and kind = :kind order by sort_order, name")
                .param("tenant", tenant)
                .param("org", organization)
                .param("kind", kind.name())
                .query(TaskOptionRepository::map)
                .list();
    }

    Optional<TaskOptionView> find(TaskOptionKind kind, UUID tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS
                        + " from task_option where tenant_id = :tenant and id = :id and kind = :kind")
                .param("tenant", tenant)
                .param("id", id)
                .param("kind", kind.name())
                .query(TaskOptionRepository::map)
                .optional();
    }

    List<TaskOptionView> findAll(TaskOptionKind kind, UUID tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS
                        + " from task_option where tenant_id = :tenant and id in (:ids) and kind = :kind")
                .param("tenant", tenant)
                .param("ids", ids)
                .param("kind", kind.name())
                .query(TaskOptionRepository::map)
                .list();
    }

    Optional<TaskOptionView> findByValue(TaskOptionKind kind, UUID tenant, UUID organization, String value) {
        return jdbc.sql("select " + COLUMNS + " from task_option where tenant_id = :tenant and organization_id = :org"
                        + " and kind = :kind and option_value = :value")
                .param("tenant", tenant)
                .param("org", organization)
                .param("kind", kind.name())
                .param("value", value)
                .query(TaskOptionRepository::map)
                .optional();
    }

    void update(TaskOptionView o) {
        jdbc.sql("""
                update task_option set name = :name, option_value = :value, description = :description, color = :color,
                    sort_order = :order, updated_at = :updated where tenant_id = :tenant and id = :id""")
                .param("name", o.name())
                .param("value", o.value())
                .param("description", o.description())
                .param("color", o.color())
                .param("order", o.order())
                .param("updated", o.updatedAt())
                .param("tenant", o.tenantId())
                .param("id", o.id())
                .update();
    }

    void delete(UUID tenant, UUID id) {
        jdbc.sql("delete from task_option where tenant_id = :tenant and id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .update();
    }

    /** Organizations that have no option of this kind yet (created before the workspace existed). */
    List<UUID[]> organizationsWithout(TaskOptionKind kind) {
        return jdbc.sql("select o.tenant_id, o.id from organization o where not exists (select 1 from task_option t"
                        + " where t.organization_id = o.id and t.kind = :kind)")
                .param("kind", kind.name())
                .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)})
                .list();
    }

    private static TaskOptionView map(ResultSet rs, int row) throws SQLException {
        return new TaskOptionView(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("name"),
                rs.getString("option_value"),
                rs.getString("description"),
                rs.getString("color"),
                rs.getInt("sort_order"),
                rs.getBoolean("is_system"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
