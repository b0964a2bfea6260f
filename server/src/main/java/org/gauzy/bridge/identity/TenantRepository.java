package org.gauzy.bridge.identity;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TenantRepository {

    record Tenant(UUID id, String name, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

    private final JdbcClient jdbc;

    TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Tenant tenant) {
        jdbc.sql("insert into tenant (id, name, created_at, updated_at) values (:id, :name, :created, :updated)")
                .param("id", tenant.id())
                .param("name", tenant.name())
                .param("created", tenant.createdAt())
                .param("updated", tenant.updatedAt())
                .update();
    }

    Optional<Tenant> find(UUID id) {
        return jdbc.sql("select id, name, created_at, updated_at from tenant where id = :id")
                .param("id", id)
                .query((rs, n) -> new Tenant(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("updated_at", OffsetDateTime.class)))
                .optional();
    }

    boolean any() {
        return jdbc.sql("select count(*) from tenant").query(Long.class).single() > 0;
    }
}
