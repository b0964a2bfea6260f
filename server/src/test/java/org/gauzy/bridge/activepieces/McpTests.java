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

/**
 * MCP servers through the API, on an Activepieces of generation B (0.72) and of generation D (0.85).
 * Both refuse API keys on MCP routes, so every installation here holds an Activepieces user.
 */
class McpTests {

    static final String PASSWORD = "password-123";

    static void setup(Api api, Account account, Map<String, String> credentials) {
        var body = new java.util.HashMap<String, Object>(credentials);
        body.put("organizationId", account.organizationId().toString());
        var response = api.post("/api/integration/activepieces/setup")
                .token(account.token())
                .json(body)
                .send();
        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }

    /** A platform of its own, whose owner signs in with {@link #PASSWORD}. */
    static Seed platformWithUser(ActivepiecesSandbox ap) {
        return ap.addPlatform("mcp-" + UUID.randomUUID() + "@ap.test", PASSWORD);
    }

    static Map<String, String> keyAndUser(Seed platform) {
        return Map.of("apiKey", platform.apiKey(), "userEmail", platform.userEmail(), "userPassword", PASSWORD);
    }

    static Map<String, String> userOnly(Seed platform) {
        return Map.of("userEmail", platform.userEmail(), "userPassword", PASSWORD);
    }

    static long signIns(ActivepiecesSandbox ap) {
        return ap.requests().stream()
                .filter(r -> r.path().equals("/api/v1/authentication/sign-in"))
                .count();
    }

    abstract static class GenerationB extends ApiTest {

        ActivepiecesSandbox ap = TestSandbox.named("0.72");
        Seed platform;
        Account owner;
        Api activepieces;

        @BeforeEach
        void tenantWithItsOwnKeyAndUser() {
            platform = platformWithUser(ap);
            owner = accounts.onboard("mcp-b");
            setup(api, owner, keyAndUser(platform));
            activepieces = new Api(ap.baseUrl());
        }

        String session() {
            return ap.userToken(platform.userEmail(), java.time.Duration.ofHours(1));
        }

        String createServer(String name) {
            var created = activepieces
                    .post("/api/v1/mcp-servers")
                    .token(session())
                    .json(Map.of("name", name, "projectId", platform.projectId()))
                    .send();
            assertThat(created.status()).isEqualTo(200);
            return created.body().path("id").asString();
        }

        String tokenOf(String serverId) {
            return activepieces
                    .get("/api/v1/mcp-servers/" + serverId)
                    .token(session())
                    .send()
                    .body()
                    .path("token")
                    .asString();
        }

        @Test
        void theApiKeyIsNeverSentToMcpRoutesAndAnInstallationWithoutAUserIsTold422() {
            ap.clearRequests();
            createServer("Tools");
            var listed = api.get("/api/integration/activepieces/mcp?projectId=" + platform.projectId())
                    .token(owner.token())
                    .send();
            assertThat(listed.status()).as(listed.text()).isEqualTo(200);
            assertThat(ap.requests().stream().filter(r -> r.path().startsWith("/api/v1/mcp-servers")))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.header("authorization")).doesNotContain("sk-"));

            Seed keyOnly = ap.addPlatform(null, null);
            Account withKey = accounts.onboard("mcp-b-key");
            setup(api, withKey, Map.of("apiKey", keyOnly.apiKey()));
            var refused = api.get("/api/integration/activepieces/mcp?projectId=" + keyOnly.projectId())
                    .token(withKey.token())
                    .send();
            assertThat(refused.status()).as(refused.text()).isEqualTo(422);
            assertThat(refused.message()).contains("only signed-in users").contains("userEmail");
        }

        /** A 0.72 session is bound to the user's first project: another project needs switch-project. */
        @Test
        void aSecondProjectOfTheUserIsReachedWithASessionForIt() {
            String second = ap.addProject(platform.platformId(), "Second", null);
            var switched = activepieces
                    .post("/api/v1/authentication/switch-project")
                    .token(session())
                    .json(Map.of("projectId", second))
                    .send();
            String inSecond = activepieces
                    .post("/api/v1/mcp-servers")
                    .token(switched.body().path("token").asString())
                    .json(Map.of("name", "Second tools", "projectId", second))
                    .send()
                    .body()
                    .path("id")
                    .asString();

            var listed = api.get("/api/integration/activepieces/mcp?projectId=" + second)
                    .token(owner.token())
                    .send();
            assertThat(listed.status()).as(listed.text()).isEqualTo(200);
            assertThat(listed.body().path("data").get(0).path("id").asString()).isEqualTo(inSecond);
            var rotated = api.post("/api/integration/activepieces/mcp/" + inSecond + "/rotate?projectId=" + second)
                    .token(owner.token())
                    .send();
            assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        }

        /** Sessions last 7 days without refresh: one Activepieces refuses is replaced by signing in again. */
        @Test
        void anExpiredSessionIsRenewedBySigningInAgain() {
            String server = createServer("Renewed");
            assertThat(api.get("/api/integration/activepieces/mcp/" + server)
                            .token(owner.token())
                            .send()
                            .status())
                    .isEqualTo(200);
            long before = signIns(ap);
            ap.clock().advance(java.time.Duration.ofDays(8));
            try {
                var got = api.get("/api/integration/activepieces/mcp/" + server)
                        .token(owner.token())
                        .send();
                assertThat(got.status()).as(got.text()).isEqualTo(200);
                assertThat(signIns(ap)).isEqualTo(before + 1);
            } finally {
                ap.clock().advance(java.time.Duration.ofDays(-8));
            }
        }

        /** Servers made a second apart: Activepieces' cursor skips rows of the same second (see ConnectionWalk). */
        @Test
        void listsGetsUpdatesAndRotatesWithoutEverShowingAToken() {
            String sales = createServer("Sales");
            ap.clock().advance(java.time.Duration.ofSeconds(1));
            createServer("Support");
            ap.clock().advance(java.time.Duration.ofSeconds(1));
            createServer("Sales extra");
            String salesToken = tokenOf(sales);

            var page = api.get("/api/integration/activepieces/mcp?projectId=" + platform.projectId() + "&limit=2")
                    .token(owner.token())
                    .send();
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.body().path("data")).hasSize(2);
            assertThat(page.body().path("data").get(0).path("generation").asString())
                    .isEqualTo("B");
            assertThat(page.text()).doesNotContain("\"token\"").doesNotContain(salesToken);
            var second = api.get("/api/integration/activepieces/mcp?projectId=" + platform.projectId()
                            + "&limit=2&cursor="
                            + ConnectionTests.enc(page.body().path("next").asString()))
                    .token(owner.token())
                    .send();
            assertThat(second.body().path("data")).hasSize(1);
            assertThat(api.get("/api/integration/activepieces/mcp?projectId=" + platform.projectId() + "&name=sales")
                            .token(owner.token())
                            .send()
                            .body()
                            .path("data"))
                    .hasSize(2);

            var got = api.get("/api/integration/activepieces/mcp/" + sales)
                    .token(owner.token())
                    .send();
            assertThat(got.body().path("name").asString()).isEqualTo("Sales");

            var updated = api.patch("/api/integration/activepieces/mcp/" + sales)
                    .token(owner.token())
                    .json(Map.of(
                            "name",
                            "Sales tools",
                            "tools",
                            List.of(Map.of(
                                    "type",
                                    "PIECE",
                                    "toolName",
                                    "create_task",
                                    "pieceMetadata",
                                    Map.of(
                                            "pieceName",
                                            "@activepieces/piece-ever-gauzy",
                                            "pieceVersion",
                                            "0.0.1",
                                            "actionName",
                                            "create_task",
                                            "actionDisplayName",
                                            "Create Task",
                                            "logoUrl",
                                            "https://cdn.activepieces.com/pieces/ever-gauzy.png")))))
                    .send();
            assertThat(updated.status()).as(updated.text()).isEqualTo(200);
            assertThat(updated.body().path("name").asString()).isEqualTo("Sales tools");
            assertThat(updated.body().path("toolCount").asInt()).isEqualTo(1);

            var rotated = api.post("/api/integration/activepieces/mcp/" + sales + "/rotate")
                    .token(owner.token())
                    .send();
            assertThat(rotated.status()).isEqualTo(200);
            assertThat(rotated.text()).doesNotContain("\"token\"");
            assertThat(tokenOf(sales)).isNotEqualTo(salesToken);
        }

        @Test
        void idsAreCheckedBeforeTheyReachAnActivepiecesUrl() {
            for (String bad : List.of("..%2Fapi-keys", "short", "a%3Bb")) {
                var response = api.post("/api/integration/activepieces/mcp/" + bad + "/rotate")
                        .token(owner.token())
                        .send();
                assertThat(response.status()).as(bad).isEqualTo(400);
            }
            assertThat(api.get("/api/integration/activepieces/mcp")
                            .token(owner.token())
                            .send()
                            .message())
                    .contains("projectId is required");
        }

        @Test
        void aServerOfAnotherTenantIsOutOfReach() {
            String server = createServer("Private");
            String token = tokenOf(server);
            Account onGlobal = accounts.onboard("mcp-global");
            var global = api.get("/api/integration/activepieces/mcp/" + server)
                    .token(onGlobal.token())
                    .send();
            assertThat(global.status())
                    .as("the shared credential has no user: " + global.text())
                    .isEqualTo(422);
            Account otherPlatform = accounts.onboard("mcp-other");
            setup(api, otherPlatform, userOnly(platformWithUser(ap)));
            var foreign = api.post("/api/integration/activepieces/mcp/" + server + "/rotate")
                    .token(otherPlatform.token())
                    .send();
            assertThat(foreign.status()).as(foreign.text()).isEqualTo(404);
            var named = api.post(
                            "/api/integration/activepieces/mcp/" + server + "/rotate?projectId=" + platform.projectId())
                    .token(otherPlatform.token())
                    .send();
            assertThat(named.status()).as(named.text()).isIn(403, 404);
            assertThat(tokenOf(server)).as("nothing rotated").isEqualTo(token);
            Account employee = accounts.addUser(owner, "EMPLOYEE");
            assertThat(api.get("/api/integration/activepieces/mcp/" + server)
                            .token(employee.token())
                            .send()
                            .status())
                    .isEqualTo(403);
            assertThat(api.post("/api/integration/activepieces/mcp/" + server + "/rotate")
                            .token(employee.token())
                            .send()
                            .status())
                    .isEqualTo(403);
        }
    }

    abstract static class GenerationD extends ApiTest {

        ActivepiecesSandbox ap = TestSandbox.shared();

        @Test
        void withOnlyAnApiKeyTheAnswerIs422AndActivepiecesIsNotAsked() {
            Seed platform = ap.addPlatform(null, null);
            Account owner = accounts.onboard("mcp-d-key");
            setup(api, owner, Map.of("apiKey", platform.apiKey()));
            ap.clearRequests();
            var response = api.get("/api/integration/activepieces/mcp?projectId=" + platform.projectId())
                    .token(owner.token())
                    .send();
            assertThat(response.status()).as(response.text()).isEqualTo(422);
            assertThat(response.message()).contains("not API keys");
            assertThat(ap.requests()).noneMatch(r -> r.path().contains("mcp-server"));
        }

        @Test
        void withAUserTheProjectServerIsReadUpdatedAndRotatedWithoutItsToken() {
            Seed platform = platformWithUser(ap);
            String userToken = ap.userToken(platform.userEmail(), java.time.Duration.ofHours(1));
            Account owner = accounts.onboard("mcp-d-user");
            setup(api, owner, userOnly(platform));
            String base = "/api/integration/activepieces/mcp";

            var page = api.get(base + "?projectId=" + platform.projectId())
                    .token(owner.token())
                    .send();
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            JsonNode server = page.body().path("data").get(0);
            assertThat(server.path("generation").asString()).isEqualTo("D");
            String id = server.path("id").asString();
            String token = new Api(ap.baseUrl())
                    .get("/api/v1/projects/" + platform.projectId() + "/mcp-server")
                    .token(userToken)
                    .send()
                    .body()
                    .path("token")
                    .asString();
            assertThat(page.text()).doesNotContain(token).doesNotContain("\"token\"");

            var updated = api.patch(base + "/" + id + "?projectId=" + platform.projectId())
                    .token(owner.token())
                    .json(Map.of("disabledTools", List.of("ap_list_flows")))
                    .send();
            assertThat(updated.status()).as(updated.text()).isEqualTo(200);
            assertThat(updated.body().path("disabledTools").get(0).asString()).isEqualTo("ap_list_flows");
            assertThat(api.patch(base + "/" + id + "?projectId=" + platform.projectId())
                            .token(owner.token())
                            .json(Map.of("name", "x"))
                            .send()
                            .status())
                    .isEqualTo(400);

            var rotated = api.post(base + "/" + id + "/rotate?projectId=" + platform.projectId())
                    .token(owner.token())
                    .send();
            assertThat(rotated.status()).isEqualTo(200);
            assertThat(rotated.text()).doesNotContain("\"token\"");
            assertThat(new Api(ap.baseUrl())
                            .get("/api/v1/projects/" + platform.projectId() + "/mcp-server")
                            .token(userToken)
                            .send()
                            .body()
                            .path("token")
                            .asString())
                    .isNotEqualTo(token);
        }
    }
}
