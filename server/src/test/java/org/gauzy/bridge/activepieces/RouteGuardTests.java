package org.gauzy.bridge.activepieces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every route of the Activepieces integration refuses an EMPLOYEE, and another tenant's installation. */
abstract class RouteGuardTests extends ApiTest {

    Account owner;
    UUID installation;
    String project;

    @BeforeEach
    void installed() {
        var platform = TestSandbox.shared().addPlatform(null, null);
        project = platform.projectId();
        owner = accounts.onboard("guards");
        installation = UUID.fromString(api.post("/api/integration/activepieces/setup")
                .token(owner.token())
                .json(Map.of(
                        "apiKey",
                        platform.apiKey(),
                        "organizationId",
                        owner.organizationId().toString()))
                .send()
                .body()
                .path("integrationTenantId")
                .asString());
    }

    List<Function<Api, Api.Call>> routes() {
        String base = "/api/integration/activepieces";
        String server = "AAAAAAAAAAAAAAAAAAAAA";
        return List.of(
                a -> a.post(base + "/setup").json(Map.of("apiKey", "sk-x")),
                a -> a.get(base + "/status/" + installation),
                a -> a.get(base + "/integration-tenant/" + installation),
                a -> a.post(base + "/integration-tenant/" + installation + "/enable"),
                a -> a.post(base + "/integration-tenant/" + installation + "/disable"),
                a -> a.delete(base + "/integration-tenant/" + installation),
                a -> a.get(base + "/projects/" + installation),
                a -> a.post(base + "/projects/" + installation + "/bind").json(Map.of("projectId", project)),
                a -> a.post(base + "/connection").json(Map.of("accessToken", "t", "projectId", project)),
                a -> a.get(base + "/connections/" + installation + "?projectId=" + project),
                a -> a.get(base + "/connections/tenant/" + installation + "/" + project),
                a -> a.get(base + "/connection/" + installation),
                a -> a.delete(base + "/connection/" + installation),
                a -> a.get(base + "/mcp?projectId=" + project),
                a -> a.get(base + "/mcp/" + server),
                a -> a.patch(base + "/mcp/" + server).json(Map.of("name", "x")),
                a -> a.post(base + "/mcp/" + server + "/rotate"));
    }

    @Test
    void anEmployeeIsRefusedOnEveryRoute() {
        Account employee = accounts.addUser(owner, "EMPLOYEE");
        for (var route : routes()) {
            var response = route.apply(api).token(employee.token()).send();
            assertThat(response.status()).as(response.text()).isEqualTo(403);
            assertThat(response.message()).contains("INTEGRATION_").contains("EMPLOYEE");
        }
    }

    @Test
    void anotherTenantNeverReachesThisInstallation() {
        Account intruder = accounts.onboard("guards-intruder");
        for (var route : routes()) {
            var response = route.apply(api)
                    .token(intruder.token())
                    .header("Organization-Id", owner.organizationId().toString())
                    .send();
            assertThat(response.status()).as(response.text()).isEqualTo(403);
        }
        for (var route : routes().subList(1, 8)) {
            var response = route.apply(api).token(intruder.token()).send();
            assertThat(response.status()).as(response.text()).isEqualTo(404);
        }
        assertThat(api.get("/api/integration/activepieces/status/" + installation)
                        .token(owner.token())
                        .send()
                        .body()
                        .path("enabled")
                        .asBoolean())
                .isTrue();
    }
}
