package org.gauzy.bridge.workspace;

import org.gauzy.bridge.identity.PathRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The workspace's records that paths name, each in its own organization. A deleted record is still found here:
 * whether it may be read ({@code withDeleted}) is the handler's to say, once the organization is known to be one
 * the caller may act in.
 */
@Configuration(proxyBeanMethods = false)
class WorkspaceRecords {

    @Bean
    PathRecord taskRecord(JdbcClient jdbc) {
        return PathRecord.inTable(
                "task", "Task", "id", jdbc, "select organization_id from task where tenant_id = :tenant and id = :id");
    }

    /**
     * As {@link Employees#resolve}: an employee's id, or a user's id standing for their employee (in the request's
     * organization first).
     */
    @Bean
    PathRecord employeeRecord(EmployeeRepository employees) {
        return PathRecord.of(
                "employee",
                "Employee",
                "id",
                (caller, id) -> employees
                        .find(caller.tenant(), id)
                        .or(() -> employees.ofUser(caller.tenant(), id, caller.organizationId()).stream()
                                .findFirst())
                        .map(e -> new PathRecord.Owner(e.organizationId())));
    }

    @Bean
    PathRecord projectRecord(JdbcClient jdbc) {
        return PathRecord.inTable(
                "project",
                GroupKind.PROJECT.path,
                "id",
                jdbc,
                "select organization_id from organization_project where tenant_id = :tenant and id = :id");
    }

    @Bean
    PathRecord teamRecord(JdbcClient jdbc) {
        return PathRecord.inTable(
                "team",
                GroupKind.TEAM.path,
                "id",
                jdbc,
                "select organization_id from organization_team where tenant_id = :tenant and id = :id");
    }

    @Bean
    PathRecord taskOptionRecord(JdbcClient jdbc) {
        return PathRecord.inTable(
                "task-option",
                "Task option",
                "id",
                jdbc,
                "select organization_id from task_option where tenant_id = :tenant and id = :id");
    }
}
