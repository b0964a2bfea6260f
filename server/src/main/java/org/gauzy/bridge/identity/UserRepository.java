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
class UserRepository {

    /** A user row; the password hash never leaves this module. */
    record User(
            UUID id,
            @Nullable UUID tenantId,
            @Nullable UUID roleId,
            String email,
            @Nullable String firstName,
            @Nullable String lastName,
            @Nullable String imageUrl,
            String preferredLanguage,
            String passwordHash,
            boolean isActive,
            @Nullable UUID lastOrganizationId,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {}

    private static final String COLUMNS = """
            id, tenant_id, role_id, email, first_name, last_name, image_url, preferred_language, password_hash,
            is_active, last_organization_id, created_at, updated_at""";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(User u) {
        jdbc.sql("insert into app_user (" + COLUMNS + ") values (:id, :tenant, :role, :email, :first, :last, :image,"
                        + " :language, :hash, :active, :lastOrg, :created, :updated)")
                .param("id", u.id())
                .param("tenant", u.tenantId())
                .param("role", u.roleId())
                .param("email", u.email())
                .param("first", u.firstName())
                .param("last", u.lastName())
                .param("image", u.imageUrl())
                .param("language", u.preferredLanguage())
                .param("hash", u.passwordHash())
                .param("active", u.isActive())
                .param("lastOrg", u.lastOrganizationId())
                .param("created", u.createdAt())
                .param("updated", u.updatedAt())
                .update();
    }

    /** Sign-in looks the email up across the service: it is the one unique sign-in name. */
    Optional<User> findByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from app_user where email = :email")
                .param("email", email)
                .query(UserRepository::map)
                .optional();
    }

    /** A user who may not have a tenant yet (the caller's own row). */
    Optional<User> findSelf(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from app_user where id = :id")
                .param("id", id)
                .query(UserRepository::map)
                .optional();
    }

    Optional<User> find(UUID tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from app_user where tenant_id = :tenant and id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .query(UserRepository::map)
                .optional();
    }

    List<User> list(UUID tenant, int skip, int take) {
        return jdbc.sql("select " + COLUMNS + " from app_user where tenant_id = :tenant"
                        + " order by created_at, id offset :skip rows fetch next :take rows only")
                .param("tenant", tenant)
                .param("skip", skip)
                .param("take", take)
                .query(UserRepository::map)
                .list();
    }

    long count(UUID tenant) {
        return jdbc.sql("select count(*) from app_user where tenant_id = :tenant")
                .param("tenant", tenant)
                .query(Long.class)
                .single();
    }

    /** Active users of the tenant with the role, other than {@code except}. */
    long countActiveWithRole(UUID tenant, UUID role, UUID except) {
        return jdbc.sql("select count(*) from app_user where tenant_id = :tenant and role_id = :role and is_active"
                        + " and id <> :except")
                .param("tenant", tenant)
                .param("role", role)
                .param("except", except)
                .query(Long.class)
                .single();
    }

    List<User> findAll(UUID tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from app_user where tenant_id = :tenant and id in (:ids)")
                .param("tenant", tenant)
                .param("ids", ids)
                .query(UserRepository::map)
                .list();
    }

    /** Writes a user's details and role back. */
    void update(User u) {
        jdbc.sql("""
                update app_user set email = :email, first_name = :first, last_name = :last, image_url = :image,
                    preferred_language = :language, role_id = :role, updated_at = :updated
                where tenant_id = :tenant and id = :id""")
                .param("email", u.email())
                .param("first", u.firstName())
                .param("last", u.lastName())
                .param("image", u.imageUrl())
                .param("language", u.preferredLanguage())
                .param("role", u.roleId())
                .param("updated", u.updatedAt())
                .param("tenant", u.tenantId())
                .param("id", u.id())
                .update();
    }

    /** Makes a tenant-less user a member of the tenant they just created. */
    boolean joinTenant(UUID user, UUID tenant, UUID role, UUID organization, OffsetDateTime now) {
        return jdbc.sql("""
                update app_user set tenant_id = :tenant, role_id = :role, last_organization_id = :org,
                updated_at = :now where id = :id and tenant_id is null""")
                        .param("tenant", tenant)
                        .param("role", role)
                        .param("org", organization)
                        .param("now", now)
                        .param("id", user)
                        .update()
                > 0;
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("role_id", UUID.class),
                rs.getString("email"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("image_url"),
                rs.getString("preferred_language"),
                rs.getString("password_hash"),
                rs.getBoolean("is_active"),
                rs.getObject("last_organization_id", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
