package org.gauzy.bridge.activepieces;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ProjectBindingRepository {

    private final JdbcClient jdbc;

    ProjectBindingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isBound(UUID tenant, String project) {
        return jdbc.sql(
                                "select count(*) from activepieces_project_binding where tenant_id = :tenant and project_id = :project")
                        .param("tenant", tenant)
                        .param("project", project)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The tenant holding the project, if any: ours or another's. */
    Optional<UUID> holder(String project) {
        return jdbc.sql("select tenant_id from activepieces_project_binding where project_id = :project")
                .param("project", project)
                .query(UUID.class)
                .optional();
    }

    List<String> projects(UUID tenant) {
        return jdbc.sql(
                        "select project_id from activepieces_project_binding where tenant_id = :tenant order by created_at")
                .param("tenant", tenant)
                .query(String.class)
                .list();
    }

    /** Binds unless some tenant already holds the project; returns whether this call bound it. */
    boolean bind(UUID tenant, String project, OffsetDateTime now) {
        return jdbc.sql("""
                insert into activepieces_project_binding (id, tenant_id, project_id, created_at)
                values (:id, :tenant, :project, :now) on conflict do nothing""")
                        .param("id", UUID.randomUUID())
                        .param("tenant", tenant)
                        .param("project", project)
                        .param("now", now)
                        .update()
                > 0;
    }
}
