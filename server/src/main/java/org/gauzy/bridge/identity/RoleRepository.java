package org.gauzy.bridge.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Roles and the permission rows of each role. */
@Repository
class RoleRepository {

    record Role(UUID id, UUID tenantId, RoleName name, boolean isSystem) {}

    record RolePermission(
            UUID id,
            UUID tenantId,
            UUID roleId,
            Permission permission,
            boolean enabled,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {}

    private final JdbcClient jdbc;

    RoleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Role role, OffsetDateTime now) {
        jdbc.sql("""
                insert into role (id, tenant_id, name, is_system, created_at, updated_at)
                values (:id, :tenant, :name, :system, :now, :now)""")
                .param("id", role.id())
                .param("tenant", role.tenantId())
                .param("name", role.name().name())
                .param("system", role.isSystem())
                .param("now", now)
                .update();
    }

    List<Role> list(UUID tenant) {
        return jdbc.sql("select id, tenant_id, name, is_system from role where tenant_id = :tenant order by name")
                .param("tenant", tenant)
                .query(RoleRepository::mapRole)
                .list();
    }

    Optional<Role> find(UUID tenant, UUID id) {
        return jdbc.sql("select id, tenant_id, name, is_system from role where tenant_id = :tenant and id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .query(RoleRepository::mapRole)
                .optional();
    }

    Optional<Role> find(UUID tenant, RoleName name) {
        return jdbc.sql("select id, tenant_id, name, is_system from role where tenant_id = :tenant and name = :name")
                .param("tenant", tenant)
                .param("name", name.name())
                .query(RoleRepository::mapRole)
                .optional();
    }

    List<RolePermission> permissions(UUID tenant, UUID role) {
        return jdbc
                .sql("""
                select id, tenant_id, role_id, permission, enabled, created_at, updated_at from role_permission
                where tenant_id = :tenant and role_id = :role order by permission""")
                .param("tenant", tenant)
                .param("role", role)
                .query(RoleRepository::mapPermission)
                .list()
                .stream()
                .flatMap(Optional::stream)
                .toList();
    }

    Optional<RolePermission> permission(UUID tenant, UUID id) {
        return jdbc.sql("""
                select id, tenant_id, role_id, permission, enabled, created_at, updated_at from role_permission
                where tenant_id = :tenant and id = :id""")
                .param("tenant", tenant)
                .param("id", id)
                .query(RoleRepository::mapPermission)
                .optional()
                .flatMap(p -> p);
    }

    /** Adds rows for permissions the role has none for yet. */
    void insertPermissions(UUID tenant, UUID role, List<RolePermission> rows) {
        for (RolePermission p : rows) {
            jdbc.sql("""
                    insert into role_permission (id, tenant_id, role_id, permission, enabled, created_at, updated_at)
                    values (:id, :tenant, :role, :permission, :enabled, :created, :updated)""")
                    .param("id", p.id())
                    .param("tenant", tenant)
                    .param("role", role)
                    .param("permission", p.permission().name())
                    .param("enabled", p.enabled())
                    .param("created", p.createdAt())
                    .param("updated", p.updatedAt())
                    .update();
        }
        permissionsChanged(tenant, role);
    }

    /** Sets the row of (role, permission); returns false when the role has no row for it yet. */
    boolean setEnabled(UUID tenant, UUID role, Permission permission, boolean enabled, OffsetDateTime now) {
        boolean found = jdbc.sql("""
                update role_permission set enabled = :enabled, updated_at = :now
                where tenant_id = :tenant and role_id = :role and permission = :permission""")
                        .param("enabled", enabled)
                        .param("now", now)
                        .param("tenant", tenant)
                        .param("role", role)
                        .param("permission", permission.name())
                        .update()
                > 0;
        if (found) {
            permissionsChanged(tenant, role);
        }
        return found;
    }

    /** Nodes that remember the role's permissions read them again: see {@link RolePermissions}. */
    private void permissionsChanged(UUID tenant, UUID role) {
        jdbc.sql(
                        "update role set permissions_version = permissions_version + 1 where tenant_id = :tenant and id = :role")
                .param("tenant", tenant)
                .param("role", role)
                .update();
    }

    private static Optional<Permission> known(String name) {
        try {
            return Optional.of(Permission.valueOf(name));
        } catch (IllegalArgumentException retired) {
            return Optional.empty();
        }
    }

    private static Role mapRole(ResultSet rs, int row) throws SQLException {
        return new Role(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                RoleName.valueOf(rs.getString("name")),
                rs.getBoolean("is_system"));
    }

    /** Empty for a row naming a permission this version no longer knows. */
    private static Optional<RolePermission> mapPermission(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID tenant = rs.getObject("tenant_id", UUID.class);
        UUID role = rs.getObject("role_id", UUID.class);
        boolean enabled = rs.getBoolean("enabled");
        OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
        OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
        return known(rs.getString("permission"))
                .map(permission -> new RolePermission(id, tenant, role, permission, enabled, created, updated));
    }
}
