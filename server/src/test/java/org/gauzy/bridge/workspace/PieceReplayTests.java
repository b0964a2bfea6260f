package org.gauzy.bridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OAuthGrants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every dropdown and action of the ever-gauzy piece (§5.2, §5.3), replayed as the piece sends it with
 * an OAuth token from our own authorization server: bearer token, {@code Tenant-Id} and
 * {@code Organization-Id} read from the token without verifying it, bracket- and JSON-encoded queries,
 * the plural delete path with the user's id. Then each resource with a token of the wrong scope.
 */
abstract class PieceReplayTests extends ApiTest {

    Account owner;
    OAuthGrants grants;

    @BeforeEach
    void tenant() {
        owner = accounts.onboard("replay");
        grants = new OAuthGrants(api);
    }

    /** A call as the piece makes it: the token, and the tenant and organization the token names. */
    Api.Call piece(Api.Call call, String token) {
        JsonNode claims = api.json()
                .readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        return call.token(token)
                .header("Tenant-Id", claims.path("tenantId").asString())
                .header("Organization-Id", claims.path("organizationId").asString());
    }

    String where(Account account) {
        return "where%5BtenantId%5D=" + account.tenantId() + "&where%5BorganizationId%5D=" + account.organizationId();
    }

    static void ok(Api.Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
    }

    /** axios and {@code curl -g} leave Gauzy's brackets unencoded; Express takes them, and so do we. */
    @Test
    void rawBracketsInTheQueryAreTakenAsTheirEncodedTwin() {
        String token = grants.accessToken(owner, owner, "gauzy:all");
        var headers = Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
        String raw = "/api/employee?where[tenantId]=" + owner.tenantId() + "&where[organizationId]="
                + owner.organizationId() + "&relations[0]=user";
        var answer = org.gauzy.bridge.support.RawHttp.get(port, raw, headers);
        assertThat(answer.status()).as(answer.head() + "\n" + answer.body()).isEqualTo(200);
        var encoded = piece(api.get("/api/employee?" + where(owner) + "&relations%5B0%5D=user"), token)
                .send();
        assertThat(api.json().readTree(answer.body())).isEqualTo(encoded.body());

        var otherTenant = org.gauzy.bridge.support.RawHttp.get(
                port, "/api/employee?where[tenantId]=" + java.util.UUID.randomUUID(), headers);
        assertThat(otherTenant.status())
                .as("the tenant check reads the raw form too")
                .isEqualTo(403);
        assertThat(otherTenant.contentType()).startsWith("application/json");
    }

    /** TypeORM's relation forms, as Gauzy's lists take them; what a list cannot load is a 400 that names it. */
    @Test
    void relationsInEveryFormGauzyTakes() {
        String token = grants.accessToken(owner, owner, "gauzy:all");
        String email = Accounts.uniqueEmail("relations");
        ok(
                piece(
                                api.post("/api/employee")
                                        .json(Map.of(
                                                "user",
                                                Map.of("email", email, "firstName", "Rel", "lastName", "Ations"),
                                                "organizationId",
                                                owner.organizationId().toString())),
                                token)
                        .send(),
                201);
        String list = "/api/employee?" + where(owner) + "&relations=";
        var asList = piece(api.get(list + "user"), token).send();
        ok(asList, 200);
        assertThat(asList.body().path("items").findValuesAsString("email")).contains(email);
        for (String form : List.of(enc("{\"user\":true}"), enc("[\"user\"]"))) {
            var answer = piece(api.get(list + form), token).send();
            ok(answer, 200);
            assertThat(answer.body()).as(form).isEqualTo(asList.body());
        }
        var arrayForm = piece(api.get("/api/employee?" + where(owner) + "&relations%5B%5D=user"), token)
                .send();
        ok(arrayForm, 200);
        assertThat(arrayForm.body()).as("qs's relations[]=user").isEqualTo(asList.body());
        var brackets = piece(api.get("/api/employee?" + where(owner) + "&relations%5Buser%5D=true"), token)
                .send();
        ok(brackets, 200);
        assertThat(brackets.body()).isEqualTo(asList.body());
        // false leaves a relation out (an employee always comes with its user, so only acceptance shows here).
        ok(piece(api.get(list + enc("{\"user\":false}")), token).send(), 200);

        var nested =
                piece(api.get(list + enc("{\"user\":{\"role\":true}}")), token).send();
        ok(nested, 400);
        assertThat(nested.body().path("message").asString()).contains("'user.role'");
        var objectInArray = piece(api.get(list + enc("[{\"a\":1}]")), token).send();
        ok(objectInArray, 400);
        assertThat(objectInArray.body().path("message").asString()).contains("relations[0] must be a relation name");
        var notBoolean = piece(api.get("/api/employee?" + where(owner) + "&relations%5Buser%5D=maybe"), token)
                .send();
        ok(notBoolean, 400);
        assertThat(notBoolean.body().path("message").asString()).contains("true or false");
    }

    /** TypeORM's nested where and order on the employee list: a user's fields, in bracket and JSON form. */
    @Test
    void employeesFilterAndSortOnTheirUsersFields() {
        var emails = new java.util.ArrayList<String>();
        for (String last : List.of("Bauer", "Adams", "Cole")) {
            String email = Accounts.uniqueEmail("nested-" + last.toLowerCase());
            emails.add(email);
            ok(
                    api.post("/api/employee")
                            .token(owner.token())
                            .json(Map.of("user", Map.of("email", email, "firstName", "Nested", "lastName", last)))
                            .send(),
                    201);
        }
        var headers = Map.of("Authorization", "Bearer " + owner.token());
        var raw = org.gauzy.bridge.support.RawHttp.get(
                port,
                "/api/employee?where[user][email]=" + emails.get(1).toUpperCase(java.util.Locale.ROOT)
                        + "&relations[user]=true",
                headers);
        assertThat(raw.status()).as(raw.body()).isEqualTo(200);
        JsonNode one = api.json().readTree(raw.body());
        assertThat(one.path("total").asInt()).isEqualTo(1);
        assertThat(one.path("items").path(0).path("user").path("lastName").asString())
                .isEqualTo("Adams");
        var asJson = api.get("/api/employee?where=" + enc("{\"user\":{\"email\":\"" + emails.get(1) + "\"}}")
                        + "&relations=" + enc("{\"user\":true}"))
                .token(owner.token())
                .send();
        assertThat(asJson.body()).isEqualTo(one);

        var listed = org.gauzy.bridge.support.RawHttp.get(
                port,
                "/api/employee?where[user][firstName]=Nested"
                        + "&where[user][email][]=" + emails.get(0) + "&where[user][email][]=" + emails.get(2)
                        + "&order[user][lastName]=DESC",
                headers);
        JsonNode two = api.json().readTree(listed.body());
        assertThat(two.path("items").findValuesAsString("lastName")).containsExactly("Cole", "Bauer");
        var ascending = api.get("/api/employee?where%5Buser%5D%5BfirstName%5D=Nested&order="
                        + enc("{\"user\":{\"lastName\":{\"direction\":\"asc\"}}}"))
                .token(owner.token())
                .send();
        assertThat(ascending.body().path("items").findValuesAsString("lastName"))
                .containsExactly("Adams", "Bauer", "Cole");

        for (var bad : Map.of(
                        "where%5BisActive%5D=maybe",
                        "isActive",
                        "where%5Buser%5D%5BpasswordHash%5D=x",
                        "user.passwordHash",
                        "order%5Buser%5D%5Bemail%5D=up",
                        "order.user.email",
                        "where%5BisActive%5D%5B0%5D=true&where%5BisActive%5D%5B1%5D=false",
                        "'isActive' takes one value",
                        "order%5Bsalary%5D=ASC",
                        "salary")
                .entrySet()) {
            var answer = api.get("/api/employee?" + bad.getKey())
                    .token(owner.token())
                    .send();
            assertThat(answer.status()).as(bad.getKey() + " " + answer.text()).isEqualTo(400);
            assertThat(answer.message()).as(bad.getKey()).contains(bad.getValue());
        }
    }

    static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void everyDropdownAndActionWorksWithAnOAuthToken() {
        String token = grants.accessToken(owner, owner, "gauzy:all");
        String org = owner.organizationId().toString();
        String tenant = owner.tenantId().toString();

        // Dropdowns.
        var organization = piece(api.get("/api/organization/" + org), token).send();
        ok(organization, 200);
        assertThat(organization.body().path("name").asString()).isEqualTo("replay tenant");
        ok(piece(api.get("/api/role?where%5BtenantId%5D=" + tenant), token).send(), 200);
        String project = api.post("/api/organization-project")
                .token(owner.token())
                .json(Map.of("name", "Website", "organizationId", org))
                .send()
                .body()
                .path("id")
                .asString();
        for (String lookup : List.of(
                "/api/organization-project",
                "/api/task-status",
                "/api/task-priority",
                "/api/task-size",
                "/api/organization-team")) {
            var answer = piece(api.get(lookup + "?" + where(owner)), token).send();
            ok(answer, 200);
            assertThat(answer.body().has("items")).as(lookup).isTrue();
        }
        assertThat(piece(api.get("/api/task-status?" + where(owner)), token)
                        .send()
                        .body()
                        .path("items")
                        .size())
                .isEqualTo(8);

        // Employees.
        String email = Accounts.uniqueEmail("piece-employee");
        var created = piece(api.post("/api/employee"), token)
                .json(Map.of(
                        "user",
                        Map.of("email", email, "firstName", "Grace", "lastName", "Hopper", "preferredLanguage", "en"),
                        "organizationId",
                        org))
                .send();
        ok(created, 201);
        String userId = created.body().path("userId").asString();
        String employeeId = created.body().path("id").asString();
        ok(
                piece(api.get("/api/employee?" + where(owner) + "&relations%5B0%5D=user"), token)
                        .send(),
                200);
        ok(
                piece(api.get("/api/employee/" + employeeId + "?relations=user&withDeleted=true"), token)
                        .send(),
                200);
        var listed = piece(
                        api.get("/api/employee?select=" + WorkspaceTests.enc("[\"id\"]") + "&relations="
                                + WorkspaceTests.enc("[\"user\"]") + "&order="
                                + WorkspaceTests.enc("{\"createdAt\":\"DESC\"}")
                                + "&where=" + WorkspaceTests.enc("{\"organizationId\":\"" + org + "\"}")
                                + "&withDeleted=false&take=10&skip=0"),
                        token)
                .send();
        ok(listed, 200);
        assertThat(listed.body().path("items"))
                .extracting(n -> n.path("id").asString())
                .contains(employeeId);
        ok(
                piece(api.put("/api/employee/" + userId), token)
                        .json(Map.of(
                                "user",
                                Map.of(
                                        "email",
                                        email,
                                        "firstName",
                                        "Grace",
                                        "lastName",
                                        "Murray",
                                        "preferredLanguage",
                                        "en"),
                                "userId",
                                userId))
                        .send(),
                200);
        ok(
                piece(api.delete("/api/employees/" + userId), token)
                        .json(Map.of("userId", userId))
                        .send(),
                200);

        // Tasks.
        var task = piece(api.post("/api/tasks"), token)
                .json(Map.of(
                        "tenantId",
                        tenant,
                        "organizationId",
                        org,
                        "title",
                        "From Activepieces",
                        "public",
                        true,
                        "isDraft",
                        false,
                        "projectId",
                        project))
                .send();
        ok(task, 201);
        String taskId = task.body().path("id").asString();
        var updateBody = new HashMap<String, Object>(Map.of(
                "tenantId",
                tenant,
                "organizationId",
                org,
                "title",
                "From Activepieces, renamed",
                "public",
                false,
                "version",
                "1"));
        ok(piece(api.put("/api/tasks/" + taskId), token).json(updateBody).send(), 200);
        var got = piece(api.get("/api/tasks/" + taskId + "?relations=project,members"), token)
                .send();
        ok(got, 200);
        assertThat(got.body().path("public").asBoolean()).isFalse();
        var tasks = piece(
                        api.get("/api/tasks?organizationId=" + org + "&projectId=" + project
                                + "&title=renamed&take=10&skip=0&relations=project"),
                        token)
                .send();
        ok(tasks, 200);
        assertThat(tasks.body().path("total").asInt()).isEqualTo(1);
        ok(piece(api.delete("/api/tasks/" + taskId), token).send(), 200);

        // The timer, for an employee who connected their own account.
        String adaEmail = Accounts.uniqueEmail("ada");
        ok(
                api.post("/api/employee")
                        .token(owner.token())
                        .json(Map.of(
                                "user",
                                Map.of("email", adaEmail, "firstName", "Ada", "lastName", "Lovelace"),
                                "organizationId",
                                org,
                                "password",
                                Accounts.PASSWORD))
                        .send(),
                201);
        Account ada = accounts.login(adaEmail, Accounts.PASSWORD);
        String adaToken = grants.accessToken(owner, ada, "gauzy:all");
        assertThat(api.json()
                        .readTree(new String(
                                Base64.getUrlDecoder().decode(adaToken.split("\\.")[1]), StandardCharsets.UTF_8))
                        .path("employeeId")
                        .asString())
                .isNotBlank();
        ok(
                piece(api.post("/api/timesheet/timer/start"), adaToken)
                        .json(Map.of(
                                "tenantId",
                                tenant,
                                "organizationId",
                                org,
                                "logType",
                                "TRACKED",
                                "source",
                                "BROWSER",
                                "isBillable",
                                true))
                        .send(),
                201);
        var status = piece(
                        api.get("/api/timesheet/timer/status?tenant="
                                + WorkspaceTests.enc("{\"id\":\"" + tenant + "\"}") + "&tenantId=" + tenant
                                + "&organization=" + WorkspaceTests.enc("{\"id\":\"" + org + "\"}")
                                + "&organizationId=" + org + "&source=BROWSER"),
                        adaToken)
                .send();
        ok(status, 200);
        assertThat(status.body().path("running").asBoolean()).isTrue();
        ok(
                piece(api.post("/api/timesheet/timer/stop"), adaToken)
                        .json(Map.of(
                                "tenantId",
                                tenant,
                                "organizationId",
                                org,
                                "logType",
                                "TRACKED",
                                "source",
                                "BROWSER",
                                "isBillable",
                                true,
                                "version",
                                "1.0.1"))
                        .send(),
                200);
    }

    @Test
    void aTokenOfTheWrongScopeIsRefusedAndTheRightOneServed() {
        String org = owner.organizationId().toString();
        String tasksRead = grants.accessToken(owner, owner, "tasks:read");
        String employeesRead = grants.accessToken(owner, owner, "employees:read");
        String adaEmail = Accounts.uniqueEmail("ada");
        ok(
                api.post("/api/employee")
                        .token(owner.token())
                        .json(Map.of(
                                "user",
                                Map.of("email", adaEmail, "firstName", "Ada", "lastName", "Lovelace"),
                                "organizationId",
                                org,
                                "password",
                                Accounts.PASSWORD))
                        .send(),
                201);
        String timesheetRead = grants.accessToken(owner, accounts.login(adaEmail, Accounts.PASSWORD), "timesheet:read");

        ok(piece(api.get("/api/tasks?organizationId=" + org), tasksRead).send(), 200);
        ok(piece(api.get("/api/task-status?" + where(owner)), tasksRead).send(), 200);
        ok(
                piece(api.post("/api/tasks"), tasksRead)
                        .json(Map.of("title", "x", "organizationId", org))
                        .send(),
                403);
        ok(
                piece(api.post("/api/task-status"), tasksRead)
                        .json(Map.of("name", "x", "organizationId", org))
                        .send(),
                403);
        ok(piece(api.get("/api/employee?" + where(owner)), tasksRead).send(), 403);

        ok(piece(api.get("/api/employee?" + where(owner)), employeesRead).send(), 200);
        ok(
                piece(api.post("/api/employee"), employeesRead)
                        .json(Map.of(
                                "user",
                                Map.of("email", Accounts.uniqueEmail("x"), "firstName", "X", "lastName", "Y"),
                                "organizationId",
                                org))
                        .send(),
                403);
        ok(piece(api.get("/api/tasks?organizationId=" + org), employeesRead).send(), 403);

        ok(piece(api.get("/api/timesheet/timer/status"), timesheetRead).send(), 200);
        ok(
                piece(api.post("/api/timesheet/timer/start"), timesheetRead)
                        .json(Map.of("organizationId", org, "logType", "TRACKED", "source", "BROWSER"))
                        .send(),
                403);
        ok(piece(api.get("/api/tasks?organizationId=" + org), timesheetRead).send(), 403);
    }
}
