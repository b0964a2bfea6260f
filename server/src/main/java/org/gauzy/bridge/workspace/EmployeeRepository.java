package org.gauzy.bridge.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Employees: a user of the tenant working in one organization. */
@Repository
class EmployeeRepository {

    record Employee(UUID id, UUID tenantId, UUID organizationId, UUID userId, boolean isActive,
            OffsetDateTime createdAt, OffsetDateTime updatedAt, @Nullable OffsetDateTime deletedAt) {
    }

    private static final String COLUMNS = "id, tenant_id, organization_id, user_id, is_active, created_at, updated_at,"
            + " deleted_at";

    private final JdbcClient jdbc;

    EmployeeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Employee e) {
        jdbc.sql("insert into employee (" + COLUMNS + ") values (:id, :tenant, :org, :user, :active, :created, :updated,"
                + " :deleted)")
                .param("id", e.id()).param("tenant", e.tenantId()).param("org", e.organizationId())
                .param("user", e.userId()).param("active", e.isActive()).param("created", e.createdAt())
                .param("updated", e.updatedAt()).param("deleted", e.deletedAt())
                .update();
    }

    void touch(UUID tenant, UUID id, OffsetDateTime now, @Nullable OffsetDateTime deleted) {
        jdbc.sql("update employee set updated_at = :now, deleted_at = :deleted where tenant_id = :tenant and id = :id")
                .param("now", now).param("deleted", deleted).param("tenant", tenant).param("id", id)
                .update();
    }

    Optional<Employee> find(UUID tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from employee where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(EmployeeRepository::map).optional();
    }

    /** The employee records of a user, the given organization's first. */
    List<Employee> ofUser(UUID tenant, UUID user, @Nullable UUID preferredOrganization) {
        return jdbc.sql("select " + COLUMNS + " from employee where tenant_id = :tenant and user_id = :user"
                + " order by case when organization_id = :org then 0 else 1 end, created_at")
                .param("tenant", tenant).param("user", user).param("org", preferredOrganization)
                .query(EmployeeRepository::map).list();
    }

    List<Employee> list(UUID tenant, UUID organization, @Nullable Boolean active, boolean withDeleted, int skip,
            int take) {
        return jdbc.sql("select " + COLUMNS + where(active, withDeleted)
                + " order by created_at, id offset :skip rows fetch next :take rows only")
                .param("tenant", tenant).param("org", organization).param("active", active)
                .param("skip", skip).param("take", take)
                .query(EmployeeRepository::map).list();
    }

    long count(UUID tenant, UUID organization, @Nullable Boolean active, boolean withDeleted) {
        return jdbc.sql("select count(*)" + where(active, withDeleted))
                .param("tenant", tenant).param("org", organization).param("active", active)
                .query(Long.class).single();
    }

    private static String where(@Nullable Boolean active, boolean withDeleted) {
        return " from employee where tenant_id = :tenant and organization_id = :org"
                + (active == null ? "" : " and is_active = :active") + (withDeleted ? "" : " and deleted_at is null");
    }

    private static Employee map(ResultSet rs, int row) throws SQLException {
        return new Employee(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getObject("organization_id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getBoolean("is_active"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getObject("deleted_at", OffsetDateTime.class));
    }
}
