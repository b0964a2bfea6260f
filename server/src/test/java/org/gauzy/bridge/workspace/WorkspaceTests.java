package org.gauzy.bridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.RecordedEvents;
import org.gauzy.bridge.support.SqlLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The look-ups and tasks the ever-gauzy piece calls, exactly as it calls them. */
abstract class WorkspaceTests extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RecordedEvents events;

    Account owner;

    @BeforeEach
    void tenant() {
        owner = accounts.onboard("work");
    }

    /** The piece's dropdown query: bracket-encoded where with the token's tenant and organization. */
    String scope(Account account) {
        return "where%5BtenantId%5D=" + account.tenantId() + "&where%5BorganizationId%5D=" + account.organizationId();
    }

    JsonNode items(String path, Account account) {
        var response = api.get(path + (path.contains("?") ? "&" : "?") + scope(account))
                .token(account.token())
                .send();
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body().path("items");
    }

    String id(Api.Response created) {
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().path("id").asString();
    }

    String project(String name) {
        return id(api.post("/api/organization-project")
                .token(owner.token())
                .json(Map.of(
                        "name", name, "organizationId", owner.organizationId().toString()))
                .send());
    }

    String option(String path, String name) {
        for (JsonNode o : items(path, owner)) {
            if (o.path("name").asString().equals(name)) {
                return o.path("id").asString();
            }
        }
        throw new AssertionError(name);
    }

    /** An employee row (the employee endpoints come with the next part of the workspace). */
    String employee(Account account) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.sql("insert into employee (id, tenant_id, organization_id, user_id, is_active, created_at, updated_at)"
                        + " values (:id, :t, :o, :u, true, :now, :now)")
                .param("id", id)
                .param("t", account.tenantId())
                .param("o", account.organizationId())
                .param("u", account.userId())
                .param("now", now)
                .update();
        return id.toString();
    }

    Api.Response createTask(Account account, Map<String, Object> fields) {
        var body = new HashMap<String, Object>(Map.of(
                "tenantId",
                account.tenantId().toString(),
                "organizationId",
                account.organizationId().toString(),
                "public",
                true,
                "isDraft",
                false));
        body.putAll(fields);
        return api.post("/api/tasks").token(account.token()).json(body).send();
    }

    @Test
    void newOrganizationsStartWithGauzysStatusesPrioritiesAndSizes() {
        assertThat(items("/api/task-status", owner))
                .extracting(n -> n.path("name").asString())
                .containsExactly(
                        "Backlog",
                        "Open",
                        "In Progress",
                        "Ready for Review",
                        "In Review",
                        "Blocked",
                        "Done",
                        "Completed");
        assertThat(items("/api/task-priority", owner))
                .extracting(n -> n.path("name").asString())
                .containsExactly("Urgent", "High", "Medium", "Low");
        assertThat(items("/api/task-size", owner))
                .extracting(n -> n.path("value").asString())
                .containsExactly("x-large", "large", "medium", "small", "tiny");
        UUID second = accounts.addOrganization(owner, "Second office");
        var inSecond = api.get("/api/task-status?where%5BorganizationId%5D=" + second)
                .token(owner.token())
                .send();
        assertThat(inSecond.body().path("total").asInt()).isEqualTo(8);
    }

    @Test
    void optionsProjectsAndTeamsAreManagedWithTheirPermissions() {
        var qa = api.post("/api/task-status")
                .token(owner.token())
                .json(Map.of(
                        "name",
                        "In QA",
                        "organizationId",
                        owner.organizationId().toString()))
                .send();
        assertThat(qa.status()).isEqualTo(201);
        assertThat(qa.body().path("value").asString()).isEqualTo("in-qa");
        assertThat(api.post("/api/task-status")
                        .token(owner.token())
                        .json(Map.of("name", "in qa"))
                        .send()
                        .status())
                .isEqualTo(409);
        assertThat(api.put("/api/task-status/" + qa.body().path("id").asString())
                        .token(owner.token())
                        .json(Map.of("color", "#ff0000"))
                        .send()
                        .body()
                        .path("color")
                        .asString())
                .isEqualTo("#ff0000");
        assertThat(api.delete("/api/task-status/" + qa.body().path("id").asString())
                        .token(owner.token())
                        .send()
                        .status())
                .isEqualTo(204);

        String website = project("Website");
        assertThat(items("/api/organization-project", owner))
                .extracting(n -> n.path("id").asString())
                .contains(website);
        assertThat(events.of("project.created", website))
                .singleElement()
                .satisfies(r -> assertThat(r.insideTransaction()).isTrue());
        String team = id(api.post("/api/organization-team")
                .token(owner.token())
                .json(Map.of("name", "Core"))
                .send());
        assertThat(items("/api/organization-team", owner))
                .extracting(n -> n.path("id").asString())
                .contains(team);

        Account employee = accounts.addUser(owner, "EMPLOYEE");
        assertThat(api.post("/api/task-status")
                        .token(employee.token())
                        .json(Map.of("name", "Mine"))
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/organization-project")
                        .token(employee.token())
                        .json(Map.of("name", "Mine"))
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(items("/api/task-priority", employee)).hasSize(4);
    }

    @Test
    void aTaskIsCreatedExactlyAsThePieceSendsIt() {
        String website = project("Website");
        String open = option("/api/task-status", "Open");
        String high = option("/api/task-priority", "High");
        String small = option("/api/task-size", "Small");
        String member = employee(owner);
        String team = id(api.post("/api/organization-team")
                .token(owner.token())
                .json(Map.of("name", "Core"))
                .send());
        var created = createTask(
                owner,
                fields(
                        "title",
                        "Fix the login page",
                        "description",
                        "It loops",
                        "projectId",
                        website,
                        "taskStatusId",
                        open,
                        "taskPriorityId",
                        high,
                        "taskSizeId",
                        small,
                        "estimate",
                        3600,
                        "dueDate",
                        "2026-12-24",
                        "startDate",
                        "2026-12-01T09:00:00Z",
                        "tags",
                        List.of("urgent", Map.of("name", "frontend")),
                        "members",
                        List.of(Map.of("id", member)),
                        "teams",
                        List.of(Map.of("id", team))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode task = created.body();
        assertThat(task.path("title").asString()).isEqualTo("Fix the login page");
        assertThat(task.path("number").asInt()).isEqualTo(1);
        assertThat(task.path("taskNumber").asString()).isEqualTo("WEBS-1");
        assertThat(task.path("status").asString()).isEqualTo("Open");
        assertThat(task.path("priority").asString()).isEqualTo("High");
        assertThat(task.path("size").asString()).isEqualTo("Small");
        assertThat(task.path("public").asBoolean()).isTrue();
        assertThat(task.path("estimate").asInt()).isEqualTo(3600);
        assertThat(task.path("dueDate").asString()).startsWith("2026-12-24T00:00");
        assertThat(task.path("tags"))
                .extracting(n -> n.path("name").asString())
                .containsExactlyInAnyOrder("urgent", "frontend");
        assertThat(task.path("members").get(0).path("id").asString()).isEqualTo(member);
        assertThat(task.path("teams").get(0).path("id").asString()).isEqualTo(team);
        assertThat(task.path("creatorId").asString()).isEqualTo(owner.userId().toString());
        assertThat(events.of("task.created", task.path("id").asString()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.insideTransaction()).isTrue();
                    assertThat(r.event().organizationId()).isEqualTo(owner.organizationId());
                    assertThat(((TaskView) r.event().entity()).title()).isEqualTo("Fix the login page");
                });

        assertThat(createTask(owner, Map.of("title", "Second", "projectId", website))
                        .body()
                        .path("number")
                        .asInt())
                .isEqualTo(2);
        assertThat(createTask(owner, Map.of("title", "No project"))
                        .body()
                        .path("taskNumber")
                        .asString())
                .startsWith("TASK-");
    }

    @Test
    void taskValidationNamesTheField() {
        assertThat(createTask(owner, Map.of("description", "no title")).message())
                .contains("title");
        assertThat(createTask(owner, Map.of("title", "x", "estimate", -5)).message())
                .contains("estimate");
        var beyondLong =
                createTask(owner, Map.of("title", "x", "estimate", new java.math.BigInteger("9223372036854775808")));
        assertThat(beyondLong.status())
                .as("a number beyond 64 bits is named, not a 500")
                .isEqualTo(400);
        assertThat(beyondLong.message()).contains("estimate");
        assertThat(createTask(owner, Map.of("title", "x", "dueDate", "next week"))
                        .message())
                .contains("dueDate");
        assertThat(createTask(owner, Map.of("title", "x", "projectId", "nope")).message())
                .contains("projectId");
        assertThat(createTask(
                                owner,
                                Map.of(
                                        "title",
                                        "x",
                                        "projectId",
                                        UUID.randomUUID().toString()))
                        .status())
                .isEqualTo(400);
        assertThat(createTask(
                                owner,
                                Map.of(
                                        "title",
                                        "x",
                                        "members",
                                        List.of(Map.of("id", UUID.randomUUID().toString()))))
                        .message())
                .contains("members");
        assertThat(createTask(owner, Map.of("title", "x", "public", "yes")).message())
                .contains("public");
    }

    @Test
    void getAndListTakeGauzysQueryConventions() {
        String website = project("Website");
        String other = project("Other");
        String open = option("/api/task-status", "Open");
        String id = createTask(owner, Map.of("title", "Fix login", "projectId", website, "taskStatusId", open))
                .body()
                .path("id")
                .asString();
        createTask(owner, Map.of("title", "Write docs", "projectId", website, "status", "Backlog"));
        createTask(owner, Map.of("title", "Elsewhere", "projectId", other));

        for (String relations : List.of(
                "relations=project,taskStatus",
                "relations%5B0%5D=project&relations%5B1%5D=taskStatus",
                "relations=%5B%22project%22%2C%22taskStatus%22%5D")) {
            var got = api.get("/api/tasks/" + id + "?" + relations)
                    .token(owner.token())
                    .send();
            assertThat(got.body().path("project").path("name").asString())
                    .as(relations)
                    .isEqualTo("Website");
            assertThat(got.body().path("taskStatus").path("value").asString()).isEqualTo("open");
        }
        assertThat(api.get("/api/tasks/" + id)
                        .token(owner.token())
                        .send()
                        .body()
                        .has("project"))
                .isFalse();
        assertThat(api.get("/api/tasks/" + id + "?relations=secrets")
                        .token(owner.token())
                        .send()
                        .message())
                .contains("Unknown relation 'secrets'");

        String org = "organizationId=" + owner.organizationId();
        assertThat(titles(list(org + "&projectId=" + website))).containsExactlyInAnyOrder("Fix login", "Write docs");
        assertThat(titles(list(org + "&projectId=" + website + "&status=Open"))).containsExactly("Fix login");
        assertThat(titles(list(org + "&title=DOCS"))).containsExactly("Write docs");
        assertThat(titles(list(scope(owner) + "&where%5BprojectId%5D=" + other)))
                .containsExactly("Elsewhere");
        assertThat(titles(list("where="
                        + enc("{\"organizationId\":\"" + owner.organizationId() + "\",\"projectId\":\"" + other
                                + "\"}"))))
                .containsExactly("Elsewhere");
        var page = api.get("/api/tasks?" + org + "&take=2&skip=0")
                .token(owner.token())
                .send()
                .body();
        assertThat(page.path("items")).hasSize(2);
        assertThat(page.path("total").asInt()).isEqualTo(3);
        assertThat(api.get("/api/tasks?" + org + "&skip=2&take=2")
                        .token(owner.token())
                        .send()
                        .body()
                        .path("items"))
                .hasSize(1);
        assertThat(api.get("/api/tasks?where%5Bpassword%5D=x")
                        .token(owner.token())
                        .send()
                        .message())
                .contains("Unknown where field 'password'");
        assertThat(api.get("/api/tasks?take=5000").token(owner.token()).send().status())
                .isEqualTo(400);
    }

    @Test
    void anUpdateChangesOnlyTheFieldsSent() {
        String website = project("Website");
        var created = createTask(
                owner,
                Map.of("title", "Fix login", "description", "keep me", "projectId", website, "tags", List.of("a")));
        String id = created.body().path("id").asString();
        var updated = api.put("/api/tasks/" + id)
                .token(owner.token())
                .json(Map.of(
                        "title",
                        "Fix the login",
                        "public",
                        false,
                        "status",
                        "In Review",
                        "tenantId",
                        owner.tenantId().toString(),
                        "version",
                        "1.0.1"))
                .send();
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        JsonNode task = updated.body();
        assertThat(task.path("title").asString()).isEqualTo("Fix the login");
        assertThat(task.path("public").asBoolean()).isFalse();
        assertThat(task.path("status").asString()).isEqualTo("In Review");
        assertThat(task.path("taskStatusId").asString()).isEqualTo(option("/api/task-status", "In Review"));
        assertThat(task.path("description").asString()).isEqualTo("keep me");
        assertThat(task.path("projectId").asString()).isEqualTo(website);
        assertThat(task.path("tags")).hasSize(1);
        assertThat(task.path("number").asInt())
                .isEqualTo(created.body().path("number").asInt());
        assertThat(events.of("task.updated", id)).hasSize(1);
    }

    @Test
    void deleteIsSoftAndPermissionsFollowTheRole() {
        Account employee = accounts.addUser(owner, "EMPLOYEE");
        var created = createTask(employee, Map.of("title", "Mine"));
        assertThat(created.status()).as("employees may add tasks").isEqualTo(201);
        String id = created.body().path("id").asString();
        assertThat(api.delete("/api/tasks/" + id).token(employee.token()).send().status())
                .isEqualTo(403);

        var deleted = api.delete("/api/tasks/" + id).token(owner.token()).send();
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().path("deletedAt").isNull()).isFalse();
        assertThat(api.get("/api/tasks/" + id).token(owner.token()).send().status())
                .isEqualTo(404);
        assertThat(api.get("/api/tasks/" + id + "?withDeleted=true")
                        .token(owner.token())
                        .send()
                        .status())
                .isEqualTo(200);
        String org = "organizationId=" + owner.organizationId();
        assertThat(titles(list(org))).doesNotContain("Mine");
        assertThat(titles(list(org + "&withDeleted=true"))).contains("Mine");
        assertThat(events.of("task.deleted", id)).hasSize(1);
        Account viewer = accounts.addUser(owner, "VIEWER");
        assertThat(createTask(viewer, Map.of("title", "Nope")).status()).isEqualTo(403);
    }

    @Test
    void nothingCrossesTenantsOrOrganizations() {
        String website = project("Website");
        String id = createTask(owner, Map.of("title", "Private", "projectId", website))
                .body()
                .path("id")
                .asString();
        Account other = accounts.onboard("work-other");
        assertThat(api.get("/api/tasks/" + id).token(other.token()).send().status())
                .isEqualTo(404);
        assertThat(api.put("/api/tasks/" + id)
                        .token(other.token())
                        .json(Map.of("title", "x"))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/tasks/" + id).token(other.token()).send().status())
                .isEqualTo(404);
        assertThat(api.get("/api/tasks?organizationId=" + owner.organizationId())
                        .token(other.token())
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/task-status?" + scope(owner))
                        .token(other.token())
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(createTask(other, Map.of("title", "x", "projectId", website)).status())
                .isEqualTo(400);
        assertThat(api.get("/api/tasks?organizationId=" + other.organizationId())
                        .token(other.token())
                        .send()
                        .body()
                        .path("items"))
                .isEmpty();
        var intoTheirs = api.post("/api/tasks")
                .token(other.token())
                .json(Map.of(
                        "title",
                        "x",
                        "tenantId",
                        owner.tenantId().toString(),
                        "organizationId",
                        owner.organizationId().toString()))
                .send();
        assertThat(intoTheirs.status()).isEqualTo(403);

        UUID secondOffice = accounts.addOrganization(owner, "Second office");
        Account member = accounts.addUser(owner, "MANAGER", owner.organizationId());
        assertThat(api.get("/api/tasks?organizationId=" + secondOffice)
                        .token(member.token())
                        .send()
                        .status())
                .isEqualTo(403);
        String hidden = api.post("/api/tasks")
                .token(owner.token())
                .header("Organization-Id", secondOffice.toString())
                .json(Map.of("title", "Second office task"))
                .send()
                .body()
                .path("id")
                .asString();
        assertThat(api.get("/api/tasks/" + hidden).token(member.token()).send().status())
                .isEqualTo(404);
    }

    @Test
    void parallelCreatesInOneProjectGetDistinctNumbers() throws Exception {
        String website = project("Website");
        var pool = Executors.newFixedThreadPool(8);
        try {
            var calls = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 8; i++) {
                String title = "Parallel " + i;
                calls.add(() -> createTask(owner, Map.of("title", title, "projectId", website))
                        .body()
                        .path("number")
                        .asInt());
            }
            var numbers = new ArrayList<Integer>();
            for (var f : pool.invokeAll(calls)) {
                numbers.add(f.get());
            }
            assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        } finally {
            pool.shutdownNow();
        }
    }

    static Map<String, Object> fields(Object... keysAndValues) {
        var out = new java.util.LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    @Test
    void aPageOfTasksReadsEachRelationOnceHoweverManyTasksItHolds() {
        String relationsProject = project("Relations");
        String parent = id(createTask(owner, Map.of("title", "Parent")));
        for (int i = 0; i < 12; i++) {
            id(createTask(
                    owner,
                    Map.of(
                            "title",
                            "Child " + i,
                            "projectId",
                            relationsProject,
                            "status",
                            "Open",
                            "priority",
                            "High",
                            "size",
                            "Small",
                            "parentId",
                            parent)));
        }
        var page = new JsonNode[1];
        List<String> sql = SqlLog.during(() -> page[0] = list("organizationId=" + owner.organizationId()
                + "&projectId=" + relationsProject
                + "&take=50&relations=project,taskStatus,taskPriority,taskSize,parent"));

        assertThat(page[0].path("items")).hasSize(12).allSatisfy(task -> {
            assertThat(task.path("project").path("name").asString()).isEqualTo("Relations");
            assertThat(task.path("taskStatus").path("value").asString()).isEqualTo("open");
            assertThat(task.path("taskPriority").path("name").asString()).isEqualTo("High");
            assertThat(task.path("taskSize").path("name").asString()).isEqualTo("Small");
            assertThat(task.path("parent").path("title").asString()).isEqualTo("Parent");
        });
        assertThat(sql)
                .as("the project")
                .filteredOn(s -> s.contains(" from organization_project "))
                .hasSize(1);
        assertThat(sql)
                .as("status, priority and size")
                .filteredOn(s -> s.contains(" from task_option "))
                .hasSize(3);
        assertThat(sql)
                .as("the parents")
                .filteredOn(s -> s.contains(" from task where tenant_id = ? and id in ("))
                .hasSize(1);
        assertThat(sql)
                .as("nothing read task by task")
                .noneMatch(s -> s.contains(" from task where tenant_id = ? and id = ?"));
    }

    JsonNode list(String query) {
        var response = api.get("/api/tasks?" + query).token(owner.token()).send();
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    static List<String> titles(JsonNode page) {
        var out = new ArrayList<String>();
        page.path("items").forEach(t -> out.add(t.path("title").asString()));
        return out;
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
