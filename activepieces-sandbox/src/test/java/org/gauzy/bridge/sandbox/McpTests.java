package org.gauzy.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** MCP management in generation B (0.56–0.72) and D (0.83 on), chosen by the version. */
class McpTests {

    @Test
    void generationBManagesNamedServersWithAnyPrincipal() {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.72").start()) {
            var client = new Client(ap.baseUrl());
            String key = ap.seed().apiKey();
            String project = ap.seed().projectId();
            for (String name : List.of("Sales tools", "Support tools", "Sales extra")) {
                var created = client.post("/api/v1/mcp-servers", key, Map.of("name", name, "projectId", project));
                assertThat(created.status()).isEqualTo(201);
                assertThat(created.body().path("token").asString()).matches("[0-9A-Za-z]{21}");
            }
            var sales = client.get("/api/v1/mcp-servers?projectId=" + project + "&name=sales", key);
            assertThat(sales.body().path("data")).hasSize(2);
            var firstPage = client.get("/api/v1/mcp-servers?projectId=" + project + "&limit=2", key);
            assertThat(firstPage.body().path("data")).hasSize(2);
            var secondPage = client.get("/api/v1/mcp-servers?projectId=" + project + "&limit=2&cursor="
                    + firstPage.body().path("next").asString().replace("=", "%3D"), key);
            assertThat(secondPage.body().path("data")).hasSize(1);

            String id = sales.body().path("data").get(0).path("id").asString();
            String token = sales.body().path("data").get(0).path("token").asString();
            var updated = client.post("/api/v1/mcp-servers/" + id, key, Map.of("name", "Renamed", "tools", List.of(
                    Map.of("type", "PIECE", "toolName", "create_task", "pieceMetadata", Map.of(
                            "pieceName", ActivepiecesSandbox.EVER_GAUZY_PIECE, "pieceVersion", "0.0.1",
                            "actionName", "create_task", "actionDisplayName", "Create Task",
                            "logoUrl", "https://cdn.activepieces.com/pieces/ever-gauzy.png")),
                    Map.of("type", "FLOW", "toolName", "run_flow", "flowId", "FlowId0000000000000001"))));
            assertThat(updated.status()).isEqualTo(200);
            assertThat(updated.body().path("name").asString()).isEqualTo("Renamed");
            assertThat(updated.body().path("tools")).hasSize(2);
            assertThat(updated.body().path("tools").get(0).path("mcpId").asString()).isEqualTo(id);

            var badTool = client.post("/api/v1/mcp-servers/" + id, key, Map.of("tools", List.of(Map.of("type", "PIECE"))));
            assertThat(badTool.status()).isEqualTo(400);
            assertThat(badTool.body().path("message").asString()).startsWith("body/tools/0/toolName");

            var rotated = client.post("/api/v1/mcp-servers/" + id + "/rotate", key, Map.of());
            assertThat(rotated.body().path("token").asString()).matches("[0-9A-Za-z]{21}").isNotEqualTo(token);
            assertThat(client.get("/api/v1/mcp-servers/" + id, ap.ownerToken()).status()).isEqualTo(200);

            assertThat(client.delete("/api/v1/mcp-servers/" + id, key).status()).isEqualTo(204);
            assertThat(client.get("/api/v1/mcp-servers/" + id, key).status()).isEqualTo(404);
            assertThat(client.get("/api/v1/projects/" + project + "/mcp-server", ap.ownerToken()).body()
                    .path("message").asString()).isEqualTo("Route not found");

            Seed other = ap.addPlatform(null, null);
            var foreignServer = client.post("/api/v1/mcp-servers", other.apiKey(),
                    Map.of("name", "Theirs", "projectId", other.projectId())).body().path("id").asString();
            assertThat(client.get("/api/v1/mcp-servers/" + foreignServer, key).status()).isEqualTo(403);
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
                    .as("get creates once, then reads").isEqualTo(created.body().path("id").asString());

            var updated = client.post(path, user, Map.of("disabledTools", List.of("ap_list_flows")));
            assertThat(updated.body().path("disabledTools").get(0).asString()).isEqualTo("ap_list_flows");
            var rotated = client.post(path + "/rotate", user, Map.of());
            assertThat(rotated.body().path("token").asString()).hasSize(72)
                    .isNotEqualTo(created.body().path("token").asString());

            assertThat(client.get("/api/v1/mcp-servers?projectId=" + ap.seed().projectId(), user).body()
                    .path("message").asString()).isEqualTo("Route not found");
        }
    }

    @Test
    void unsimulatedVersionsAreRefusedWithAReason() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApVersion.parse("0.78"))
                .hasMessageContaining("0.56 to 0.72").hasMessageContaining("0.83");
        assertThat(ApVersion.parse("0.85.4").hasConnectionById()).isFalse();
        assertThat(ApVersion.parse("0.86").hasConnectionById()).isTrue();
    }
}
