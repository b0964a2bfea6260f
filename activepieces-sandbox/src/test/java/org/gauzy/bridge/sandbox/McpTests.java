package org.gauzy.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** MCP management in generation B (0.56–0.72) and D (0.83 on), chosen by the version. */
class McpTests {

    @Test
    void generationBManagesNamedServersForUsersInTheirOwnProject() {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.72").start()) {
            var client = new Client(ap.baseUrl());
            String key = ap.seed().apiKey();
            String user = ap.ownerToken();
            String project = ap.seed().projectId();

            var byKey = client.post("/api/v1/mcp-servers", key, Map.of("name", "Sales tools", "projectId", project));
            assertThat(byKey.status()).isEqualTo(403);
            assertThat(byKey.body().path("code").asString()).isEqualTo("AUTHORIZATION");
            assertThat(byKey.body().path("params").path("message").asString())
                    .isEqualTo("invalid route for principal type");
            assertThat(client.get("/api/v1/mcp-servers?projectId=" + project, key)
                            .status())
                    .isEqualTo(403);

            for (String name : List.of("Sales tools", "Support tools", "Sales extra")) {
                var created = client.post("/api/v1/mcp-servers", user, Map.of("name", name, "projectId", project));
                assertThat(created.status()).as("create answers 200").isEqualTo(200);
                ap.clock().advance(java.time.Duration.ofSeconds(1));
                assertThat(created.body().path("token").asString()).matches("[0-9A-Za-z]{21}");
            }
            var sales = client.get("/api/v1/mcp-servers?projectId=" + project + "&name=sales", user);
            assertThat(sales.body().path("data")).hasSize(2);
            assertThat(sales.body().path("data").get(0).path("name").asString())
                    .as("newest first")
                    .isEqualTo("Sales extra");
            var firstPage = client.get("/api/v1/mcp-servers?projectId=" + project + "&limit=2", user);
            assertThat(firstPage.body().path("data")).hasSize(2);
            var secondPage = client.get(
                    "/api/v1/mcp-servers?projectId=" + project + "&limit=2&cursor="
                            + firstPage.body().path("next").asString().replace("=", "%3D"),
                    user);
            assertThat(secondPage.body().path("data")).hasSize(1);

            String id = sales.body().path("data").get(0).path("id").asString();
            String token = sales.body().path("data").get(0).path("token").asString();
            String flow = ap.addFlow(project, true);
            var updated = client.post(
                    "/api/v1/mcp-servers/" + id,
                    user,
                    Map.of(
                            "name",
                            "Renamed",
                            "tools",
                            List.of(
                                    Map.of(
                                            "type",
                                            "PIECE",
                                            "toolName",
                                            "create_task",
                                            "pieceMetadata",
                                            Map.of(
                                                    "pieceName",
                                                    ActivepiecesSandbox.EVER_GAUZY_PIECE,
                                                    "pieceVersion",
                                                    "0.0.1",
                                                    "actionName",
                                                    "create-task",
                                                    "actionDisplayName",
                                                    "Create Task",
                                                    "logoUrl",
                                                    "https://cdn.activepieces.com/pieces/ever-gauzy.png")),
                                    Map.of("type", "FLOW", "toolName", "run_flow", "flowId", flow))));
            assertThat(updated.status()).isEqualTo(200);
            assertThat(updated.body().path("name").asString()).isEqualTo("Renamed");
            assertThat(updated.body().path("tools")).hasSize(2);
            JsonNode piece = updated.body().path("tools").get(0);
            assertThat(piece.path("mcpId").asString()).isEqualTo(id);
            assertThat(piece.path("toolName").asString())
                    .as("named by mcpToolNaming.fixTool, not as sent")
                    .isEqualTo("create_task_" + piece.path("id").asString().substring(0, 4));
            JsonNode flowTool = updated.body().path("tools").get(1);
            assertThat(flowTool.path("flow").path("id").asString()).isEqualTo(flow);
            assertThat(flowTool.path("toolName").asString()).startsWith("Flow_" + flow.substring(0, 4) + "_");

            String other = client.post("/api/v1/mcp-servers", user, Map.of("name", "Broken", "projectId", project))
                    .body()
                    .path("id")
                    .asString();
            var unknownFlow = client.post(
                    "/api/v1/mcp-servers/" + other,
                    user,
                    Map.of(
                            "tools",
                            List.of(Map.of("type", "FLOW", "toolName", "run", "flowId", "FlowId0000000000000001"))));
            assertThat(unknownFlow.status())
                    .as("a FLOW tool needs a flow of the project")
                    .isEqualTo(404);

            var badTool =
                    client.post("/api/v1/mcp-servers/" + id, user, Map.of("tools", List.of(Map.of("type", "PIECE"))));
            assertThat(badTool.status()).isEqualTo(400);
            assertThat(badTool.body().path("message").asString()).startsWith("body/tools/0/toolName");

            var rotated = client.post("/api/v1/mcp-servers/" + id + "/rotate", user, Map.of());
            assertThat(rotated.body().path("token").asString())
                    .matches("[0-9A-Za-z]{21}")
                    .isNotEqualTo(token);

            assertThat(client.delete("/api/v1/mcp-servers/" + id, user).status())
                    .isEqualTo(204);
            var gone = client.get("/api/v1/mcp-servers/" + id, user);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.body().path("params").path("entityType").asString()).isEqualTo("MCP");
            assertThat(client.get("/api/v1/projects/" + project + "/mcp-server", user)
                            .body()
                            .path("message")
                            .asString())
                    .isEqualTo("Route not found");
        }
    }

    /** Before 0.75 a session is bound to one project; switch-project gives one for another. */
    @Test
    void generationBSessionsActInTheirOwnProjectOnly() {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.72").start()) {
            var client = new Client(ap.baseUrl());
            String user = ap.ownerToken();
            String home = ap.seed().projectId();
            String second = ap.addProject(null, "Second", null);
            String inHome = client.post("/api/v1/mcp-servers", user, Map.of("name", "Home", "projectId", home))
                    .body()
                    .path("id")
                    .asString();

            var elsewhere = client.post("/api/v1/mcp-servers", user, Map.of("name", "There", "projectId", second));
            assertThat(elsewhere.status()).isEqualTo(403);
            assertThat(elsewhere.body().path("params").path("message").asString())
                    .isEqualTo("invalid project id");

            var switched = client.post("/api/v1/authentication/switch-project", user, Map.of("projectId", second));
            assertThat(switched.status()).isEqualTo(200);
            assertThat(switched.body().path("projectId").asString()).isEqualTo(second);
            String secondSession = switched.body().path("token").asString();
            assertThat(client.post("/api/v1/mcp-servers", secondSession, Map.of("name", "There", "projectId", second))
                            .status())
                    .isEqualTo(200);

            assertThat(client.get("/api/v1/mcp-servers/" + inHome, secondSession)
                            .status())
                    .as("another project's server is not found")
                    .isEqualTo(404);
            var renamed = client.post("/api/v1/mcp-servers/" + inHome, secondSession, Map.of("name", "Renamed"));
            assertThat(renamed.status()).isEqualTo(403);
            assertThat(renamed.body().path("params").path("message").asString())
                    .isEqualTo("not owned by current project");
            assertThat(client.get("/api/v1/mcp-servers/" + inHome, user)
                            .body()
                            .path("name")
                            .asString())
                    .as("Activepieces made the change before refusing to show it")
                    .isEqualTo("Renamed");

            var keyElsewhere = client.get(
                    "/api/v1/app-connections?projectId=NoSuchProject00000000",
                    ap.seed().apiKey());
            assertThat(keyElsewhere.status()).isEqualTo(403);
            assertThat(keyElsewhere.body().path("params").path("message").asString())
                    .isEqualTo("invalid api key");
            assertThat(client.get("/api/v1/projects/" + home, ap.seed().apiKey())
                            .body()
                            .path("message")
                            .asString())
                    .as("GET /v1/projects/:id ships in 0.76.1")
                    .isEqualTo("Route not found");
        }
    }

    @Test
    void generationDHasOneServerPerProjectForUsersOnly() {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.85").start()) {
            var client = new Client(ap.baseUrl());
            String path = "/api/v1/projects/" + ap.seed().projectId() + "/mcp-server";

            var refused = client.get(path, ap.seed().apiKey());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body().path("code").asString()).isEqualTo("AUTHORIZATION");

            String user = ap.ownerToken();
            var created = client.get(path, user);
            assertThat(created.status()).isEqualTo(200);
            assertThat(created.body().path("token").asString()).matches("[0-9A-Za-z]{72}");
            assertThat(created.body().path("type").asString()).isEqualTo("PROJECT");
            assertThat(client.get(path, user).body().path("id").asString())
                    .as("get creates once, then reads")
                    .isEqualTo(created.body().path("id").asString());

            var updated = client.post(path, user, Map.of("disabledTools", List.of("ap_list_flows")));
            assertThat(updated.body().path("disabledTools").get(0).asString()).isEqualTo("ap_list_flows");
            var rotated = client.post(path + "/rotate", user, Map.of());
            assertThat(rotated.body().path("token").asString())
                    .hasSize(72)
                    .isNotEqualTo(created.body().path("token").asString());

            assertThat(client.get("/api/v1/mcp-servers?projectId=" + ap.seed().projectId(), user)
                            .body()
                            .path("message")
                            .asString())
                    .isEqualTo("Route not found");
        }
    }

    /** 0.76 has one server per project that is on or off (generation C), for users only, and says its release. */
    @Test
    void release076HasAProjectServerWithAStatus() {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.76.1").start()) {
            var client = new Client(ap.baseUrl());
            String project = ap.seed().projectId();
            assertThat(client.get("/api/v1/flags", null)
                            .body()
                            .path("CURRENT_VERSION")
                            .asString())
                    .isEqualTo("0.76.1");
            assertThat(client.get("/api/v1/projects/" + project, ap.seed().apiKey())
                            .status())
                    .isEqualTo(200);
            String read = "/api/v1/projects/" + project + "/mcp-server/" + project;
            assertThat(client.get(read, ap.seed().apiKey()).status())
                    .as("users only")
                    .isEqualTo(403);
            JsonNode server = client.get(read, ap.ownerToken()).body();
            assertThat(server.path("status").asString()).isEqualTo("DISABLED");
            assertThat(server.path("token").asString()).hasSize(72);
            assertThat(server.has("disabledTools")).isFalse();
            String base = "/api/v1/projects/" + project + "/mcp-server";
            assertThat(client.post(base, ap.ownerToken(), Map.of("status", "ENABLED"))
                            .body()
                            .path("status")
                            .asString())
                    .isEqualTo("ENABLED");
            assertThat(client.post(base, ap.ownerToken(), Map.of("status", "ON"))
                            .status())
                    .isEqualTo(400);
            assertThat(client.post(base + "/rotate", ap.ownerToken(), Map.of())
                            .body()
                            .path("token")
                            .asString())
                    .hasSize(72)
                    .isNotEqualTo(server.path("token").asString());
            assertThat(client.get("/api/v1/mcp-servers?projectId=" + project, ap.ownerToken())
                            .body()
                            .path("message")
                            .asString())
                    .isEqualTo("Route not found");
        }
    }

    @Test
    void unsimulatedVersionsAreRefusedWithAReason() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApVersion.parse("0.52"))
                .hasMessageContaining("0.56 or later");
        assertThat(ApVersion.parse("0.76.1").mcpGeneration()).isEqualTo('C');
        assertThat(ApVersion.parse("0.85.4").hasConnectionById()).isFalse();
        assertThat(ApVersion.parse("0.86").hasConnectionById()).isTrue();
    }
}
