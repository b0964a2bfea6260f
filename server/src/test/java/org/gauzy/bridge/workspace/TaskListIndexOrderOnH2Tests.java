package org.gauzy.bridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OnH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * H2 reads a page of tasks from the list's index in order, and stops at the page, only while the columns
 * the list pins ({@link TaskRepository#pinned}) are the index's leading columns and the index holds the
 * default order whole. Otherwise it reads every matching task and sorts them: 1,251 rows for a page of 50
 * with 100,000 tasks. PostgreSQL needs neither, so this is H2's alone.
 */
@OnH2
class TaskListIndexOrderOnH2Tests extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    Account owner;
    String project;

    @BeforeEach
    void tasks() {
        owner = accounts.onboard("index-order");
        var created = api.post("/api/organization-project")
                .token(owner.token())
                .json(Map.of(
                        "name",
                        "Roadmap",
                        "organizationId",
                        owner.organizationId().toString()))
                .send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        project = created.body().path("id").asString();
        for (int i = 0; i < 30; i++) {
            var task = api.post("/api/tasks")
                    .token(owner.token())
                    .json(Map.of(
                            "title",
                            "Task " + i,
                            "organizationId",
                            owner.organizationId().toString(),
                            "projectId",
                            project,
                            "status",
                            i % 3 == 0 ? "Open" : "Done"))
                    .send();
            assertThat(task.status()).as(task.text()).isEqualTo(201);
        }
        jdbc.sql("analyze").update();
    }

    @Test
    void aPageOfOneProjectAndStatusComesFromItsIndexInOrder() {
        var pinned = TaskRepository.pinned(Map.of("projectId", List.of(project), "status", List.of("Open")));
        assertThat(pinned).containsExactly("tenant_id", "organization_id", "project_id", "status");

        String plan = plan(" and project_id = '" + project + "' and status = 'Open'", pinned);

        assertThat(plan).contains("ix_task_project_status").contains("/* index sorted */");
    }

    @Test
    void aPageOfTheWholeOrganizationComesFromItsIndexInOrder() {
        var pinned = TaskRepository.pinned(Map.of());
        assertThat(pinned).containsExactly("tenant_id", "organization_id");

        assertThat(plan("", pinned)).contains("ix_task_scope").contains("/* index sorted */");
    }

    @Test
    void aFilterOfSeveralValuesPinsNothingBeyondIt() {
        assertThat(TaskRepository.pinned(Map.of("status", List.of("Open", "Done"))))
                .containsExactly("tenant_id", "organization_id");
        assertThat(TaskRepository.pinned(Map.of("status", List.of("Open"))))
                .as("status follows project_id in the index")
                .containsExactly("tenant_id", "organization_id");
    }

    private String plan(String filters, List<String> pinned) {
        String from = " from task where tenant_id = '" + owner.tenantId() + "' and organization_id = '"
                + owner.organizationId() + "'" + filters + " and deleted_at is null";
        String page = ListSql.pageQuery("id, title", from, List.of(), Map.of(), TaskRepository.NEWEST_FIRST, pinned)
                .replace(":skip", "0")
                .replace(":take", "5");
        return jdbc.sql("explain " + page).query(String.class).single();
    }
}
