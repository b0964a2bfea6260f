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

@Repository
class TimeLogRepository {

    /** A time log; {@code stoppedAt} is null while it runs. */
    record TimeLog(
            UUID id,
            UUID tenantId,
            UUID organizationId,
            UUID employeeId,
            OffsetDateTime startedAt,
            @Nullable OffsetDateTime stoppedAt,
            String logType,
            String source,
            boolean isBillable,
            @Nullable String description,
            @Nullable UUID projectId,
            @Nullable UUID taskId,
            @Nullable UUID organizationTeamId,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        boolean isRunning() {
            return stoppedAt == null;
        }
    }

    private static final String COLUMNS = "id, tenant_id, organization_id, employee_id, started_at, stopped_at,"
            + " log_type, source, is_billable, description, project_id, task_id, organization_team_id, created_at,"
            + " updated_at";

    private final JdbcClient jdbc;

    TimeLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts a log unless the employee already has one running; true when this call started it. */
    boolean startIfNoneRunning(TimeLog t) {
        return jdbc.sql("insert into time_log (" + COLUMNS + ", running_key) values (:id, :tenant, :org, :employee,"
                                + " :started, null, :type, :source, :billable, :description, :project, :task, :team, :created,"
                                + " :updated, :employee) on conflict do nothing")
                        .param("id", t.id())
                        .param("tenant", t.tenantId())
                        .param("org", t.organizationId())
                        .param("employee", t.employeeId())
                        .param("started", t.startedAt())
                        .param("type", t.logType())
                        .param("source", t.source())
                        .param("billable", t.isBillable())
                        .param("description", t.description())
                        .param("project", t.projectId())
                        .param("task", t.taskId())
                        .param("team", t.organizationTeamId())
                        .param("created", t.createdAt())
                        .param("updated", t.updatedAt())
                        .update()
                > 0;
    }

    Optional<TimeLog> running(UUID tenant, UUID employee) {
        return jdbc.sql("select " + COLUMNS + " from time_log where tenant_id = :tenant and running_key = :employee")
                .param("tenant", tenant)
                .param("employee", employee)
                .query(TimeLogRepository::map)
                .optional();
    }

    /** Stops the running log; false when another request stopped it first. */
    boolean stop(UUID tenant, UUID id, OffsetDateTime at) {
        return jdbc.sql("update time_log set stopped_at = :at, running_key = null, updated_at = :at"
                                + " where tenant_id = :tenant and id = :id and running_key is not null")
                        .param("at", at)
                        .param("tenant", tenant)
                        .param("id", id)
                        .update()
                > 0;
    }

    Optional<TimeLog> find(UUID tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from time_log where tenant_id = :tenant and id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .query(TimeLogRepository::map)
                .optional();
    }

    Optional<TimeLog> last(UUID tenant, UUID employee) {
        return jdbc.sql("select " + COLUMNS + " from time_log where tenant_id = :tenant and employee_id = :employee"
                        + " order by started_at desc, id fetch first 1 rows only")
                .param("tenant", tenant)
                .param("employee", employee)
                .query(TimeLogRepository::map)
                .optional();
    }

    /** Logs of an employee that overlap [from, to). */
    List<TimeLog> between(UUID tenant, UUID employee, OffsetDateTime from, OffsetDateTime to) {
        return jdbc.sql(
                        "select " + COLUMNS + " from time_log where tenant_id = :tenant and employee_id = :employee"
                                + " and started_at < :to and (stopped_at is null or stopped_at > :from) order by started_at, id")
                .param("tenant", tenant)
                .param("employee", employee)
                .param("from", from)
                .param("to", to)
                .query(TimeLogRepository::map)
                .list();
    }

    private static TimeLog map(ResultSet rs, int row) throws SQLException {
        return new TimeLog(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getObject("employee_id", UUID.class),
                rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("stopped_at", OffsetDateTime.class),
                rs.getString("log_type"),
                rs.getString("source"),
                rs.getBoolean("is_billable"),
                rs.getString("description"),
                rs.getObject("project_id", UUID.class),
                rs.getObject("task_id", UUID.class),
                rs.getObject("organization_team_id", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
