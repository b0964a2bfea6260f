package org.gauzy.bridge.activepieces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.sandbox.Seed;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** MCP servers through the API, on an Activepieces of generation B (0.72) and of generation D (0.85). */
class McpTests {

    static void setup(Api api, Account account, String credential) {
        var response = api.post("/api/integration/activepieces/setup").token(account.token())
                .json(Map.of("apiKey", credential, "organizationId", account.organizationId().toString())).send();
        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }

    abstract static class GenerationB extends ApiTest {

        ActivepiecesSandbox ap = TestSandbox.named("0.72");
        Seed platform;
        Account owner;
        Api activepieces;

        @BeforeEach
        void tenantWithItsOwnKey() {
            platform = ap.addPlatform(null, null);
            owner = accounts.onboard("mcp-b");
            setup(api, owner, platform.apiKey());
            activepieces = new Api(ap.baseUrl());
        }

        String createServer(String name) {
            var created = activepieces.post("/api/v1/mcp-servers").token(platform.apiKey())
                    .json(Map.of("name", name, "projectId", platform.projectId())).send();
            assertThat(created.status()).isEqualTo(201);
            return created.body().path("id").asString();
        }

        String tokenOf(String serverId) {
            return activepieces.get("/api/v1/mcp-servers/" + serverId).token(platform.apiKey()).send().body()
                    .path("token").asString();
        }

        @Test
        void listsGetsUpdatesAndRotatesWithoutEverShowingAToken() {
            String sales = createServer("Sales");
            createServer("Support");
            createServer("Sales extra");
            String salesToken = tokenOf(sales);

            var page = api.get("/api/integration/activepieces/mcp?projectId=" + platform.projectId() + "&limit=2")
                    .token(owner.token()).send();
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.body().path("data")).hasSize(2);
            assertThat(page.body().path("data").get(0).path("generation").asString()).isEqualTo("B");
            assertThat(page.text()).doesNotContain("\"token\"").doesNotContain(salesToken);
            var second = api.get("/api/integration/activepieces/mcp?projectId=" + platform.projectId() + "&limit=2&cursor="
                    + ConnectionTests.enc(page.body().path("next").asString())).token(owner.token()).send();
            assertThat(second.body().path("data")).hasSize(1);
            assertThat(api.get("/api/integration/activepieces/mcp?projectId=" + platform.projectId() + "&name=sales")
                    .token(owner.token()).send().body().path("data")).hasSize(2);

            var got = api.get("/api/integration/activepieces/mcp/" + sales).token(owner.token()).send();
            assertThat(got.body().path("name").asString()).isEqualTo("Sales");

            var updated = api.patch("/api/integration/activepieces/mcp/" + sales).token(owner.token()).json(Map.of(
                    "name", "Sales tools", "tools", List.of(Map.of("type", "PIECE", "toolName", "create_task",
                            "pieceMetadata", Map.of("pieceName", "@activepieces/piece-ever-gauzy", "pieceVersion", "0.0.1",
                                    "actionName", "create_task", "actionDisplayName", "Create Task",
                                    "logoUrl", "https://cdn.activepieces.com/pieces/ever-gauzy.png"))))).send();
            assertThat(updated.status()).as(updated.text()).isEqualTo(200);
            assertThat(updated.body().path("name").asString()).isEqualTo("Sales tools");
            assertThat(updated.body().path("toolCount").asInt()).isEqualTo(1);

            var rotated = api.post("/api/integration/activepieces/mcp/" + sales + "/rotate").token(owner.token()).send();
            assertThat(rotated.status()).isEqualTo(200);
            assertThat(rotated.text()).doesNotContain("\"token\"");
            assertThat(tokenOf(sales)).isNotEqualTo(salesToken);
        }

        @Test
        void idsAreCheckedBeforeTheyReachAnActivepiecesUrl() {
            for (String bad : List.of("..%2Fapi-keys", "short", "a%3Bb")) {
                var response = api.post("/api/integration/activepieces/mcp/" + bad + "/rotate").token(owner.token()).send();
                assertThat(response.status()).as(bad).isEqualTo(400);
            }
            assertThat(api.get("/api/integration/activepieces/mcp").token(owner.token()).send().message())
                    .contains("projectId is required");
        }

        @Test
        void aServerOfAnotherTenantIsOutOfReach() {
            String server = createServer("Private");
            String shared = activepieces.post("/api/v1/mcp-servers").token(TestSandbox.GLOBAL_KEY)
                    .json(Map.of("name", "On the shared platform", "projectId", ap.seed().projectId())).send().body()
                    .path("id").asString();
            Account onGlobal = accounts.onboard("mcp-global");
            var global = api.get("/api/integration/activepieces/mcp/" + shared).token(onGlobal.token()).send();
            assertThat(global.status()).as(global.text()).isEqualTo(403);
            assertThat(global.message()).contains("not bound to your tenant");
            Account otherPlatform = accounts.onboard("mcp-other");
            setup(api, otherPlatform, ap.addPlatform(null, null).apiKey());
            var foreign = api.post("/api/integration/activepieces/mcp/" + server + "/rotate").token(otherPlatform.token())
                    .send();
            assertThat(foreign.status()).as(foreign.text()).isEqualTo(403);
            Account employee = accounts.addUser(owner, "EMPLOYEE");
            assertThat(api.get("/api/integration/activepieces/mcp/" + server).token(employee.token()).send().status())
                    .isEqualTo(403);
            assertThat(api.post("/api/integration/activepieces/mcp/" + server + "/rotate").token(employee.token()).send()
                    .status()).isEqualTo(403);
        }
    }

    abstract static class GenerationD extends ApiTest {

        ActivepiecesSandbox ap = TestSandbox.shared();

        @Test
        void anApiKeyIsRefusedByActivepiecesSoTheAnswerIs422() {
            Seed platform = ap.addPlatform(null, null);
            Account owner = accounts.onboard("mcp-d-key");
            setup(api, owner, platform.apiKey());
            var response = api.get("/api/integration/activepieces/mcp?projectId=" + platform.projectId())
                    .token(owner.token()).send();
            assertThat(response.status()).as(response.text()).isEqualTo(422);
            assertThat(response.message()).contains("not API keys");
        }

        @Test
        void withAUserTokenTheProjectServerIsReadUpdatedAndRotatedWithoutItsToken() {
            Seed platform = ap.addPlatform("mcp-d-" + UUID.randomUUID() + "@ap.test", "password-123");
            String userToken = ap.userToken(platform.userEmail(), java.time.Duration.ofHours(1));
            Account owner = accounts.onboard("mcp-d-user");
            setup(api, owner, userToken);
            String base = "/api/integration/activepieces/mcp";

            var page = api.get(base + "?projectId=" + platform.projectId()).token(owner.token()).send();
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            JsonNode server = page.body().path("data").get(0);
            assertThat(server.path("generation").asString()).isEqualTo("D");
            String id = server.path("id").asString();
            String token = new Api(ap.baseUrl()).get("/api/v1/projects/" + platform.projectId() + "/mcp-server")
                    .token(userToken).send().body().path("token").asString();
            assertThat(page.text()).doesNotContain(token).doesNotContain("\"token\"");

            var updated = api.patch(base + "/" + id + "?projectId=" + platform.projectId()).token(owner.token())
                    .json(Map.of("disabledTools", List.of("ap_list_flows"))).send();
            assertThat(updated.status()).as(updated.text()).isEqualTo(200);
            assertThat(updated.body().path("disabledTools").get(0).asString()).isEqualTo("ap_list_flows");
            assertThat(api.patch(base + "/" + id + "?projectId=" + platform.projectId()).token(owner.token())
                    .json(Map.of("name", "x")).send().status()).isEqualTo(400);

            var rotated = api.post(base + "/" + id + "/rotate?projectId=" + platform.projectId()).token(owner.token()).send();
            assertThat(rotated.status()).isEqualTo(200);
            assertThat(rotated.text()).doesNotContain("\"token\"");
            assertThat(new Api(ap.baseUrl()).get("/api/v1/projects/" + platform.projectId() + "/mcp-server")
                    .token(userToken).send().body().path("token").asString()).isNotEqualTo(token);
        }
    }
}
