package org.gauzy.bridge.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.sandbox.Seed;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Flows tab's API ({@code GET /api/integration/activepieces/flows/:integrationId}) on a project with
 * 100 flows that act on the organization and 10,000 runs, against an in-process sandbox: on a cold cache,
 * how long the answer takes and how many Activepieces calls it makes (the target: at most one per flow
 * shown, besides the flow pages and one connection check); on a warm cache, the latency percentiles of 4
 * clients (the target: p95 under 300 ms). Each round uses a fresh installation, so each cold answer is cold.
 * Run as a normal user after {@code ./mvnw -B -q -DskipTests install}:
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=org.gauzy.bridge.benchmarks.FlowsTabBenchmark
 *     [-Dexec.args="--flows=100 --runs=10000 --rounds=3 --seconds=20"]</pre>
 */
public final class FlowsTabBenchmark {

    private static final String GAUZY = "@activepieces/piece-ever-gauzy";

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public static void main(String[] args) throws Exception {
        var options = new BenchmarkOptions(args);
        new FlowsTabBenchmark()
                .run(
                        options.jar(),
                        options.serverJvmArgs(),
                        options.number("flows", 100),
                        options.number("runs", 10_000),
                        options.number("rounds", 3),
                        options.seconds("seconds", 20));
    }

    private void run(java.nio.file.Path jar, String jvmArgs, int flows, int runs, int rounds, Duration measure)
            throws Exception {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.85").start();
                var service = ServiceProcess.start(
                        jar,
                        jvmArgs,
                        Map.of("ACTIVEPIECES_BASE_URL", ap.baseUrl(), "AUTOMATION_CACHE_FOR", "1h"),
                        http)) {
            var api = new ApiCalls(http, json, service.base());
            System.out.printf("%nFlows tab: %d flows, %d runs per project; %d rounds%n", flows, runs, rounds);
            for (int round = 1; round <= rounds; round++) {
                Seed platform = ap.addPlatform(null, null);
                ApiCalls.Account admin = api.onboard("flows" + round);
                String install = api.setUpActivepieces(admin, platform.apiKey());
                String connection = "gauzy-tenant-" + admin.tenantId() + "-org-" + admin.organizationId();
                Instant now = Instant.now();
                for (int f = 0; f < flows; f++) {
                    String flow = ap.addFlow(new ActivepiecesSandbox.FlowSpec(
                            platform.projectId(),
                            true,
                            "Flow " + f,
                            GAUZY,
                            "new_task",
                            List.of(List.of(GAUZY, "update_task")),
                            List.of(connection)));
                    for (int r = 0; r < runs / flows; r++) {
                        boolean failed = r % 10 == 0;
                        ap.addRun(
                                flow,
                                failed ? "FAILED" : "SUCCEEDED",
                                now.minusSeconds(600L * r + f),
                                Duration.ofMillis(300),
                                failed ? "step_1" : null,
                                failed ? "timeout" : null);
                    }
                }
                String path = "/api/integration/activepieces/flows/" + install + "?projectId=" + platform.projectId();
                var request = HttpRequest.newBuilder(URI.create(service.base() + path))
                        .header("Authorization", "Bearer " + admin.token())
                        .build();

                ap.clearRequests();
                long started = System.nanoTime();
                var cold = http.send(request, HttpResponse.BodyHandlers.ofString());
                double coldMillis = (System.nanoTime() - started) / 1e6;
                JsonNode view = json.readTree(cold.body());
                long runCalls = ap.requests().stream()
                        .filter(r -> r.path().equals("/api/v1/flow-runs"))
                        .count();
                long flowCalls = ap.requests().stream()
                        .filter(r -> r.path().equals("/api/v1/flows"))
                        .count();
                System.out.printf(
                        "round %d, cold: %d %s in %.0f ms; Activepieces calls: %d in all, %d for runs "
                                + "(%.2f per flow shown), %d flow pages%n",
                        round,
                        view.path("total").asInt(),
                        cold.statusCode() == 200 ? "flows" : "(status " + cold.statusCode() + ")",
                        coldMillis,
                        ap.requests().size(),
                        runCalls,
                        runCalls / Math.max(1.0, view.path("total").asDouble()),
                        flowCalls);

                ap.clearRequests();
                var warm = Load.run("warm cache, 4 clients", http, 4, measure, i -> request);
                System.out.printf(
                        "round %d, warm: %s  p95 %.2f ms; Activepieces calls meanwhile: %d%n",
                        round,
                        warm.line(),
                        warm.percentileMillis(95),
                        ap.requests().size());
            }
        }
    }
}
