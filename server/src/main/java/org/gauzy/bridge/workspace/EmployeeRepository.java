package org.gauzy.bridge.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Employees: a user of the tenant working in one organization. */
@Repository
class EmployeeRepository {

    record Employee(
            UUID id,
            UUID tenantId,
            UUID organizationId,
            UUID userId,
            boolean isActive,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            @Nullable OffsetDateTime deletedAt) {}

    private static final String COLUMNS =
            "id, tenant_id, organization_id, user_id, is_active, created_at, updated_at, deleted_at";

    private final JdbcClient jdbc;

    EmployeeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Employee e) {
        jdbc.sql("insert into employee (" + COLUMNS
                        + ") values (:id, :tenant, :org, :user, :active, :created, :updated, :deleted)")
                .param("id", e.id())
                .param("tenant", e.tenantId())
                .param("org", e.organizationId())
                .param("user", e.userId())
                .param("active", e.isActive())
                .param("created", e.createdAt())
                .param("updated", e.updatedAt())
                .param("deleted", e.deletedAt())
                .update();
    }

    void touch(UUID tenant, UUID id, OffsetDateTime now, @Nullable OffsetDateTime deleted) {
        jdbc.sql("update employee set updated_at = :now, deleted_at = :deleted where tenant_id = :tenant and id = :id")
                .param("now", now)
                .param("deleted", deleted)
                .param("tenant", tenant)
                .param("id", id)
                .update();
    }

    Optional<Employee> find(UUID tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from employee where tenant_id = :tenant and id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .query(EmployeeRepository::map)
                .optional();
    }

    /** The employee records of a user, the given organization's first. */
    List<Employee> ofUser(UUID tenant, UUID user, @Nullable UUID preferredOrganization) {
        return jdbc.sql("select " + COLUMNS + " from employee where tenant_id = :tenant and user_id = :user"
                        + " order by case when organization_id = :org then 0 else 1 end, created_at")
                .param("tenant", tenant)
                .param("user", user)
                .param("org", preferredOrganization)
                .query(EmployeeRepository::map)
                .list();
    }

    /**
     * What the employee list filters and sorts on, each mapped to its SQL: a user's field through a sub-query,
     * so that {@code where[user][email]} works whether or not the user relation is loaded, as in TypeORM.
     */
    static final Map<String, String> FILTERS = Map.of(
            "id",
            "id %s",
            "isActive",
            "is_active %s",
            "userId",
            "user_id %s",
            "user.id",
            "user_id %s",
            "user.email",
            "user_id in (select u.id from app_user u where u.tenant_id = :tenant and u.email %s)",
            "user.firstName",
            "user_id in (select u.id from app_user u where u.tenant_id = :tenant and u.first_name %s)",
            "user.lastName",
            "user_id in (select u.id from app_user u where u.tenant_id = :tenant and u.last_name %s)");

    static final Map<String, String> SORTS = Map.of(
            "createdAt",
            "created_at",
            "updatedAt",
            "updated_at",
            "isActive",
            "is_active",
            "user.email",
            "(select u.email from app_user u where u.id = employee.user_id)",
            "user.firstName",
            "(select u.first_name from app_user u where u.id = employee.user_id)",
            "user.lastName",
            "(select u.last_name from app_user u where u.id = employee.user_id)");
    static final GauzyQuery.Shape LIST = new GauzyQuery.Shape(
            FILTERS.keySet(),
            Set.of("id", "userId", "user.id", "user.email", "user.firstName", "user.lastName"),
            Set.of("user"),
            SORTS.keySet());

    /** A page of the organization's employees that match, in the order asked (else oldest first), and the count. */
    ListSql.Rows<Employee> list(
            UUID tenant,
            UUID organization,
            Map<String, List<String>> filters,
            List<GauzyQuery.Sort> order,
            boolean withDeleted,
            int skip,
            int take) {
        var where = new StringBuilder(" from employee where tenant_id = :tenant and organization_id = :org");
        var params = new LinkedHashMap<String, @Nullable Object>();
        params.put("tenant", tenant);
        params.put("org", organization);
        // tenantId and organizationId have no template: the guard checked them, and they scope the query already
        ListSql.filters(filters, FILTERS::get, EmployeeRepository::typed, where, params);
        if (!withDeleted) {
            where.append(" and deleted_at is null");
        }
        return ListSql.page(
                jdbc,
                COLUMNS,
                where,
                params,
                order,
                SORTS,
                "created_at, id",
                List.of(),
                skip,
                take,
                EmployeeRepository::map);
    }

    private static Object typed(String field, String value) {
        if (field.equals("isActive")) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new ApiException.BadRequest("where.isActive must be true or false");
            }
            return Boolean.valueOf(value);
        }
        if (field.equals("user.email")) {
            return value.trim().toLowerCase(Locale.ROOT); // stored lower-cased
        }
        if (field.endsWith("id") || field.endsWith("Id")) {
            try {
                return UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                throw new ApiException.BadRequest("where." + field + " must be a UUID");
            }
        }
        return value;
    }

    private static Employee map(ResultSet rs, int row) throws SQLException {
        return new Employee(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getBoolean("is_active"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class),
                rs.getObject("deleted_at", OffsetDateTime.class));
    }
}
