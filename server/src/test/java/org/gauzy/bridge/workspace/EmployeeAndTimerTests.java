package org.gauzy.bridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.RecordedEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Employees and the timer, called as the ever-gauzy piece calls them. */
abstract class EmployeeAndTimerTests extends ApiTest {

    @Autowired
    RecordedEvents events;

    @Autowired
    JdbcClient jdbc;

    Account owner;

    @BeforeEach
    void tenant() {
        owner = accounts.onboard("staff");
    }

    Api.Response createEmployee(Account account, String email) {
        return api.post("/api/employee")
                .token(account.token())
                .json(Map.of(
                        "user",
                        Map.of("email", email, "firstName", "Ada", "lastName", "Lovelace", "preferredLanguage", "en"),
                        "organizationId",
                        account.organizationId().toString(),
                        "password",
                        Accounts.PASSWORD))
                .send();
    }

    /** The piece's start_timer body. */
    Api.Response start(Account account, Map<String, Object> extra) {
        var body = new java.util.HashMap<String, Object>(Map.of(
                "tenantId",
                account.tenantId().toString(),
                "organizationId",
                account.organizationId().toString(),
                "logType",
                "TRACKED",
                "source",
                "BROWSER",
                "isBillable",
                true));
        body.putAll(extra);
        return api.post("/api/timesheet/timer/start")
                .token(account.token())
                .json(body)
                .send();
    }

    Api.Response stop(Account account) {
        return api.post("/api/timesheet/timer/stop")
                .token(account.token())
                .json(Map.of(
                        "tenantId",
                        account.tenantId().toString(),
                        "organizationId",
                        account.organizationId().toString(),
                        "logType",
                        "TRACKED",
                        "source",
                        "BROWSER",
                        "isBillable",
                        true,
                        "version",
                        "1.0.1"))
                .send();
    }

    /** An employee who can sign in and time themselves. */
    Account employeeAccount() {
        String email = Accounts.uniqueEmail("ada");
        assertThat(createEmployee(owner, email).status()).isEqualTo(201);
        return accounts.login(email, Accounts.PASSWORD);
    }

    @Test
    void employeesAreCreatedReadUpdatedAndDeletedAsThePieceDoes() {
        String email = Accounts.uniqueEmail("ada");
        var created = createEmployee(owner, email);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String employeeId = created.body().path("id").asString();
        String userId = created.body().path("userId").asString();
        assertThat(created.body().path("user").path("email").asString()).isEqualTo(email);
        assertThat(created.body().path("user").path("role").path("name").asString())
                .isEqualTo("EMPLOYEE");
        assertThat(created.text()).doesNotContain(Accounts.PASSWORD);
        assertThat(events.of("employee.created", employeeId))
                .singleElement()
                .satisfies(r -> assertThat(r.insideTransaction()).isTrue());
        assertThat(createEmployee(owner, email).status()).as("a taken email").isEqualTo(409);

        var listed = api.get("/api/employee?where%5BtenantId%5D=" + owner.tenantId() + "&where%5BorganizationId%5D="
                        + owner.organizationId() + "&relations%5B0%5D=user")
                .token(owner.token())
                .send();
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        assertThat(listed.body().path("items"))
                .extracting(n -> n.path("user").path("email").asString())
                .contains(email);
        var listedJson = api.get("/api/employee?where="
                        + WorkspaceTests.enc("{\"organizationId\":\"" + owner.organizationId() + "\"}") + "&relations="
                        + WorkspaceTests.enc("[\"user\"]") + "&take=10&skip=0")
                .token(owner.token())
                .send();
        assertThat(listedJson.body().path("total").asInt()).isEqualTo(1);

        assertThat(api.get("/api/employee/" + employeeId)
                        .token(owner.token())
                        .send()
                        .body()
                        .path("id")
                        .asString())
                .isEqualTo(employeeId);
        assertThat(api.get("/api/employee/" + userId)
                        .token(owner.token())
                        .send()
                        .body()
                        .path("id")
                        .asString())
                .as("the user's id stands for the employee")
                .isEqualTo(employeeId);

        var updated = api.put("/api/employee/" + userId)
                .token(owner.token())
                .json(Map.of(
                        "user",
                        Map.of("email", email, "firstName", "Augusta", "lastName", "King", "preferredLanguage", "fr"),
                        "userId",
                        userId))
                .send();
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.body().path("user").path("firstName").asString()).isEqualTo("Augusta");
        assertThat(updated.body().path("user").path("preferredLanguage").asString())
                .isEqualTo("fr");

        var deleted = api.delete("/api/employees/" + userId)
                .token(owner.token())
                .json(Map.of("userId", userId))
                .send();
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(api.get("/api/employee/" + employeeId)
                        .token(owner.token())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/employee/" + employeeId + "?withDeleted=true")
                        .token(owner.token())
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(events.of("employee.deleted", employeeId)).hasSize(1);
    }

    @Test
    void anEmployeesTokenAndProfileNameTheEmployee() {
        Account ada = employeeAccount();
        var me = api.get("/api/user/me").token(ada.token()).send().body();
        String employeeId = me.path("employeeId").asString();
        assertThat(employeeId).isNotBlank();
        String payload = new String(
                java.util.Base64.getUrlDecoder().decode(ada.token().split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(api.json().readTree(payload).path("employeeId").asString()).isEqualTo(employeeId);
        assertThat(api.get("/api/user/me")
                        .token(owner.token())
                        .send()
                        .body()
                        .path("employeeId")
                        .isNull())
                .isTrue();
    }

    @Test
    void employeeRulesHold() {
        assertThat(api.post("/api/employee")
                        .token(owner.token())
                        .json(Map.of(
                                "user",
                                Map.of("firstName", "x"),
                                "organizationId",
                                owner.organizationId().toString()))
                        .send()
                        .message())
                .contains("user.email");
        assertThat(api.post("/api/employee")
                        .token(owner.token())
                        .json(Map.of(
                                "user",
                                Map.of("email", "not-an-email"),
                                "organizationId",
                                owner.organizationId().toString()))
                        .send()
                        .message())
                .contains("email");
        Account employee = employeeAccount();
        assertThat(createEmployee(employee, Accounts.uniqueEmail("x")).status())
                .as("needs ORG_EMPLOYEES_EDIT")
                .isEqualTo(403);
        Account other = accounts.onboard("staff-other");
        String id = createEmployee(owner, Accounts.uniqueEmail("mine"))
                .body()
                .path("id")
                .asString();
        assertThat(api.get("/api/employee/" + id).token(other.token()).send().status())
                .isEqualTo(404);
        assertThat(api.delete("/api/employees/" + id)
                        .token(other.token())
                        .send()
                        .status())
                .isEqualTo(404);
        Account admin = accounts.addUser(owner, "ADMIN");
        var superAdmin = api.post("/api/employee")
                .token(admin.token())
                .json(Map.of(
                        "user",
                        Map.of(
                                "email",
                                Accounts.uniqueEmail("boss"),
                                "roleId",
                                accounts.roleId(owner, "SUPER_ADMIN").toString()),
                        "organizationId",
                        owner.organizationId().toString()))
                .send();
        assertThat(superAdmin.status()).isEqualTo(403);
    }

    @Test
    void theTimerStartsOnceStopsAndReportsItsStatus() {
        Account ada = employeeAccount();
        var first = start(ada, Map.of("description", "Writing notes"));
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        String logId = first.body().path("id").asString();
        assertThat(first.body().path("isRunning").asBoolean()).isTrue();
        assertThat(first.body().path("logType").asString()).isEqualTo("TRACKED");
        var again = start(ada, Map.of());
        assertThat(again.status()).as("a retry answers the running log").isEqualTo(200);
        assertThat(again.body().path("id").asString()).isEqualTo(logId);
        assertThat(events.of("timesheet.time-log.created", logId)).hasSize(1);

        var status = api.get("/api/timesheet/timer/status?tenantId=" + ada.tenantId() + "&organizationId="
                        + ada.organizationId() + "&source=BROWSER")
                .token(ada.token())
                .send();
        assertThat(status.status()).as(status.text()).isEqualTo(200);
        assertThat(status.body().path("running").asBoolean()).isTrue();
        assertThat(status.body().path("lastLog").path("id").asString()).isEqualTo(logId);

        var stopped = stop(ada);
        assertThat(stopped.status()).as(stopped.text()).isEqualTo(200);
        assertThat(stopped.body().path("isRunning").asBoolean()).isFalse();
        assertThat(stopped.body().path("duration").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(events.of("timesheet.time-log.updated", logId)).hasSize(1);
        assertThat(api.get("/api/timesheet/timer/status")
                        .token(ada.token())
                        .send()
                        .body()
                        .path("running")
                        .asBoolean())
                .isFalse();

        var notRunning = stop(ada);
        assertThat(notRunning.status()).isEqualTo(400);
        assertThat(notRunning.message()).contains("No timer is running");

        var logs = api.get("/api/timesheet/time-log?startDate=2020-01-01&endDate=2100-01-01")
                .token(ada.token())
                .send();
        assertThat(logs.body().path("items"))
                .extracting(n -> n.path("id").asString())
                .containsExactly(logId);
    }

    @Test
    void concurrentStartsLeaveOneRunningLog() throws Exception {
        Account ada = employeeAccount();
        var pool = Executors.newFixedThreadPool(6);
        try {
            var calls = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> start(ada, Map.of()).status());
            }
            var statuses = new ArrayList<Integer>();
            for (var f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).allMatch(s -> s == 201 || s == 200 || s == 409);
        } finally {
            pool.shutdownNow();
        }
        JsonNode logs = api.get("/api/timesheet/time-log")
                .token(ada.token())
                .send()
                .body()
                .path("items");
        assertThat(logs).hasSize(1);
        long running = jdbc.sql("select count(*) from time_log where running_key is not null and tenant_id = :t")
                .param("t", ada.tenantId())
                .query(Long.class)
                .single();
        assertThat(running).isEqualTo(1);
    }

    @Test
    void theTimerChecksWhoItTimesAndWhatItRefersTo() {
        var noEmployee = start(owner, Map.of());
        assertThat(noEmployee.status()).isEqualTo(400);
        assertThat(noEmployee.message()).contains("not an employee");
        employeeAccount();
        String adaEmployee = api.get("/api/employee")
                .token(owner.token())
                .send()
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        assertThat(start(owner, Map.of("employeeId", adaEmployee)).status())
                .as("an admin may act for others")
                .isEqualTo(201);
        Account bob = employeeAccount();
        assertThat(start(bob, Map.of("employeeId", adaEmployee)).status()).isEqualTo(403);
        assertThat(start(bob, Map.of("logType", "NAP")).message()).contains("logType");
        assertThat(start(bob, Map.of("projectId", java.util.UUID.randomUUID().toString()))
                        .message())
                .contains("projectId");
        Account viewer = accounts.addUser(owner, "VIEWER");
        assertThat(start(viewer, Map.of()).status()).as("needs TIME_TRACKER").isEqualTo(403);
        Account other = accounts.onboard("staff-timer-other");
        assertThat(api.get("/api/timesheet/timer/status?employeeId=" + adaEmployee)
                        .token(other.token())
                        .send()
                        .status())
                .as("another tenant's employee is not found")
                .isEqualTo(404);
    }
}
