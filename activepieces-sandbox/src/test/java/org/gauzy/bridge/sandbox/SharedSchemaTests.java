package org.gauzy.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox's 0.85 answers validate against the zod schemas of {@code @activepieces/shared} 0.95.1,
 * the package of Activepieces' own types closest to 0.85.4's (0.95.0 at 66f43de175; the npm registry has
 * 0.95.1). Node and npm come with the build machine; {@code .ci/run} installs them where missing. The
 * package is installed once into {@code target/}.
 */
class SharedSchemaTests {

    static final String SHARED = "@activepieces/shared@0.95.1";
    static final Path HOME = Path.of("target", "activepieces-shared");

    @Test
    void answersOfRelease085ValidateAgainstActivepiecesOwnSchemas() throws Exception {
        var samples = new LinkedHashMap<String, Object>();
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.85").start()) {
            var client = new Client(ap.baseUrl());
            String key = ap.seed().apiKey();
            String project = ap.seed().projectId();
            var connection = new LinkedHashMap<String, Object>(FidelityTests.connection(ap, "schema-1", "SECRET_TEXT"));
            connection.put("metadata", Map.of("tenantId", "t-1"));
            JsonNode made =
                    client.post("/api/v1/app-connections", key, connection).body();
            JsonNode renamed = client.post(
                            "/api/v1/app-connections/" + made.path("id").asString(),
                            key,
                            Map.of("displayName", "Renamed"))
                    .body();
            JsonNode placeholder = client.post(
                            "/api/v1/app-connections", key, FidelityTests.connection(ap, "schema-2", "PLACEHOLDER"))
                    .body();
            samples.put("AppConnectionWithoutSensitiveData", List.of(made, renamed, placeholder));
            samples.put(
                    "SeekPage<AppConnectionWithoutSensitiveData>",
                    List.of(client.get("/api/v1/app-connections?projectId=" + project, key)
                            .body()));
            samples.put(
                    "SeekPage<ProjectWithLimits>",
                    List.of(client.get("/api/v1/projects", key).body()));
            samples.put(
                    "ProjectWithLimits",
                    List.of(client.get("/api/v1/projects/" + project, key).body()));
            String flow = client.post(
                            "/sandbox/flows",
                            null,
                            Map.of(
                                    "displayName",
                                    "Tasks to Slack",
                                    "trigger",
                                    Map.of(
                                            "pieceName",
                                            ActivepiecesSandbox.EVER_GAUZY_PIECE,
                                            "triggerName",
                                            "new_task"),
                                    "steps",
                                    List.of(
                                            Map.of(
                                                    "pieceName",
                                                    ActivepiecesSandbox.EVER_GAUZY_PIECE,
                                                    "actionName",
                                                    "get_task"),
                                            Map.of(
                                                    "pieceName",
                                                    "@activepieces/piece-slack",
                                                    "actionName",
                                                    "send_message")),
                                    "connectionIds",
                                    List.of("gauzy-tenant-t-org-o")))
                    .body()
                    .path("id")
                    .asString();
            String empty = client.post("/sandbox/flows", null, Map.of("enabled", false))
                    .body()
                    .path("id")
                    .asString();
            client.post("/sandbox/flow-runs", null, Map.of("flowId", flow, "status", "SUCCEEDED", "count", 2));
            String failed = client.post(
                            "/sandbox/flow-runs",
                            null,
                            Map.of(
                                    "flowId",
                                    flow,
                                    "status",
                                    "FAILED",
                                    "failedStep",
                                    "step_1",
                                    "message",
                                    "Request failed with status code 401"))
                    .body()
                    .path("ids")
                    .path(0)
                    .asString();
            samples.put(
                    "SeekPage<PopulatedFlow>",
                    List.of(client.get("/api/v1/flows?projectId=" + project, key)
                            .body()));
            samples.put(
                    "PopulatedFlow",
                    List.of(
                            client.get("/api/v1/flows/" + flow, key).body(),
                            client.get("/api/v1/flows/" + empty, key).body()));
            samples.put(
                    "SeekPage<FlowRun>",
                    List.of(client.get("/api/v1/flow-runs?projectId=" + project, key)
                            .body()));
            samples.put(
                    "FlowRun",
                    List.of(client.get("/api/v1/flow-runs/" + failed, key).body()));
            String path = "/api/v1/projects/" + project + "/mcp-server";
            String user = ap.ownerToken();
            samples.put(
                    "PopulatedMcpServer",
                    List.of(
                            client.get(path, user).body(),
                            client.post(path, user, Map.of("disabledTools", List.of("ap_list_flows")))
                                    .body(),
                            client.post(path + "/rotate", user, Map.of()).body()));
        }
        // Activepieces itself answers 72-character project MCP tokens (apId(72) in mcp/mcp-service.ts
        // @66f43de175; checked on the running 0.85.4), which its McpServer schema (token: ApId) does not allow.
        samples.put(
                "known",
                List.of(Map.of(
                        "schema",
                        "PopulatedMcpServer",
                        "path",
                        "token",
                        "reason",
                        "the server makes 72-character tokens")));
        Path file = Files.createTempFile("sandbox-answers", ".json");
        Files.writeString(file, new Client("http://unused").json.writeValueAsString(samples));

        installShared();
        Path script =
                Path.of("src", "test", "resources", "validate-with-shared.cjs").toAbsolutePath();
        var run = run(List.of("node", script.toString(), file.toString()), HOME.resolve("node_modules"));
        assertThat(run.exit()).as("validation failures:\n" + run.output()).isZero();
        assertThat(run.output()).contains("\"failures\":0");
    }

    private record Run(int exit, String output) {}

    private static void installShared() throws IOException, InterruptedException {
        if (Files.isDirectory(HOME.resolve("node_modules/@activepieces/shared"))) {
            return;
        }
        Files.createDirectories(HOME);
        Files.writeString(
                HOME.resolve("package.json"), "{\"name\":\"schema-check\",\"version\":\"1.0.0\",\"private\":true}");
        var install = run(List.of("npm", "install", "--no-fund", "--no-audit", "--no-save", SHARED), null);
        assertThat(install.exit())
                .as("npm install " + SHARED + ":\n" + install.output())
                .isZero();
    }

    private static Run run(List<String> command, Path nodePath) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(new ArrayList<>(command))
                .directory(HOME.toFile())
                .redirectErrorStream(true);
        if (nodePath != null) {
            builder.environment().put("NODE_PATH", nodePath.toAbsolutePath().toString());
        }
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES))
                .as(String.join(" ", command))
                .isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
