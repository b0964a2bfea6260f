package org.gauzy.bridge.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.sandbox.Seed;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the service adds on top of Activepieces when it answers a connections page: the same page
 * ({@code limit=10} of a project's 50 connections) asked of the sandbox directly, with the platform's API key,
 * and through {@code GET /api/integration/activepieces/connections/:integrationId}, with a tenant admin's
 * token (permission check, the installation's credentials, retries and the circuit breaker in place), and, for
 * the service's own floor, {@code GET /api/user/me} with that token (no Activepieces call). The three run in
 * turns, {@code --rounds} times, at 1 and 4 clients; the summary gives what the service added at p50 and p99. The sandbox runs in this process, as in the tests. Run after {@code ./mvnw -B -q -DskipTests install}:
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=org.gauzy.bridge.benchmarks.ProxyBenchmark
 *     [-Dexec.args="--warmup=30 --max-warmup=300 --seconds=10 --rounds=3"]</pre>
 */
public final class ProxyBenchmark {

    private static final int CONNECTIONS = 50;
    private static final int[] CLIENTS = {1, 4};
    /** How long each call runs at each client count in a pass of the warm-up. */
    private static final Duration WARM_UP_STEP = Duration.ofSeconds(5);

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public static void main(String[] args) throws Exception {
        // The sandbox's HTTP server writes a response's head and body apart; without TCP_NODELAY, a keep-alive
        // client's delayed acknowledgement holds one request in ten by 40 ms, and those stalls would be all that
        // the percentiles measure. Activepieces runs on Node.js, whose HTTP server sets TCP_NODELAY by default
        // (nodejs/node#42163).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        var options = new BenchmarkOptions(args);
        new ProxyBenchmark()
                .run(
                        options.jar(),
                        options.serverJvmArgs(),
                        options.seconds("warmup", 30),
                        options.seconds("max-warmup", 300),
                        options.seconds("seconds", 10),
                        options.number("rounds", 3));
    }

    private void run(Path jar, String jvmArgs, Duration warmup, Duration maxWarmup, Duration measure, int rounds)
            throws Exception {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.85").start();
                var service = ServiceProcess.start(jar, jvmArgs, Map.of("ACTIVEPIECES_BASE_URL", ap.baseUrl()), http)) {
            var api = new ApiCalls(http, json, service.base());
            Seed platform = ap.addPlatform(null, null);
            var admin = api.onboard("proxy");
            String install = api.post(
                            "/api/integration/activepieces/setup",
                            admin.token(),
                            Map.of("apiKey", platform.apiKey(), "organizationId", admin.organizationId()))
                    .path("integrationTenantId")
                    .asString();
            for (int i = 0; i < CONNECTIONS; i++) {
                addConnection(ap, platform, "bench-" + i, admin.tenantId());
            }
            var direct = HttpRequest.newBuilder(URI.create(
                            ap.baseUrl() + "/api/v1/app-connections?projectId=" + platform.projectId() + "&limit=10"))
                    .header("Authorization", "Bearer " + platform.apiKey())
                    .build();
            var proxied = HttpRequest.newBuilder(
                            URI.create(service.base() + "/api/integration/activepieces/connections/" + install
                                    + "?projectId=" + platform.projectId() + "&limit=10"))
                    .header("Authorization", "Bearer " + admin.token())
                    .build();
            // The service's floor: an authenticated call of the same token that reaches no Activepieces (the
            // request's way through Tomcat, the filters, the session check and JSON).
            var floor = HttpRequest.newBuilder(URI.create(service.base() + "/api/user/me"))
                    .header("Authorization", "Bearer " + admin.token())
                    .build();
            if (http.send(floor, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                throw new IllegalStateException("GET /api/user/me did not answer 200");
            }
            for (var request : new HttpRequest[] {direct, proxied}) {
                var answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                int listed = json.readTree(answer.body()).path("data").size();
                if (answer.statusCode() != 200 || listed != 10) {
                    throw new IllegalStateException(request.uri().getPath() + " answered " + answer.statusCode()
                            + " with " + listed + " connections: " + answer.body());
                }
            }
            ap.clearRequests();
            http.send(proxied, HttpResponse.BodyHandlers.discarding());
            System.out.printf(
                    "%nConnections page (10 of %d): %d Activepieces call(s) for a page through the service (%s);"
                            + " warming up for at least %d s, until the compilers are quiet%n",
                    CONNECTIONS,
                    ap.requests().size(),
                    ap.requests().stream().map(r -> r.method() + " " + r.path()).toList(),
                    warmup.toSeconds());
            HttpRequest[] paths = {direct, proxied, floor};
            String[] names = {"Activepieces directly", "through the service", "the service alone (/user/me)"};
            WarmUp.untilCompiled(service, warmup, maxWarmup, () -> {
                for (int clients : CLIENTS) {
                    for (var request : paths) {
                        Load.run("warm-up", http, clients, WARM_UP_STEP, i -> request);
                    }
                }
            });
            StringBuilder summary = new StringBuilder();
            for (int clients : CLIENTS) {
                double[][] p = new double[3][2]; // [direct, proxied, floor][p50, p99], means over the rounds
                for (int round = 0; round < rounds; round++) {
                    for (int turn = 0; turn < paths.length; turn++) {
                        int path = (round + turn) % paths.length;
                        var request = paths[path];
                        var result = Load.run(names[path], http, clients, measure, i -> request);
                        System.out.println(result.line());
                        p[path][0] += result.percentileMillis(50) / rounds;
                        p[path][1] += result.percentileMillis(99) / rounds;
                    }
                }
                summary.append(String.format(
                        "  clients=%-3d p50 %6.2f → %6.2f ms (+%.2f ms)   p99 %6.2f → %6.2f ms (+%.2f ms)"
                                + "   the service alone: p50 %.2f ms, p99 %.2f ms%n",
                        clients,
                        p[0][0],
                        p[1][0],
                        p[1][0] - p[0][0],
                        p[0][1],
                        p[1][1],
                        p[1][1] - p[0][1],
                        p[2][0],
                        p[2][1]));
            }
            System.out.printf("%nWhat the service adds (means of %d rounds):%n%s", rounds, summary);
        }
    }

    /** A connection of the tenant's, as the service lists only those whose metadata names the caller's tenant. */
    private void addConnection(ActivepiecesSandbox ap, Seed platform, String externalId, String tenantId)
            throws Exception {
        var body = Map.of(
                "externalId",
                externalId,
                "displayName",
                externalId,
                "pieceName",
                ActivepiecesSandbox.EVER_GAUZY_PIECE,
                "projectId",
                platform.projectId(),
                "type",
                "SECRET_TEXT",
                "value",
                Map.of("type", "SECRET_TEXT", "secret_text", "token-" + externalId),
                "metadata",
                Map.of("tenantId", tenantId));
        var answer = http.send(
                HttpRequest.newBuilder(URI.create(ap.baseUrl() + "/api/v1/app-connections"))
                        .header("Authorization", "Bearer " + platform.apiKey())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException(
                    "Creating a connection answered " + answer.statusCode() + ": " + answer.body());
        }
    }
}
