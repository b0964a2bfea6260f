package org.gauzy.bridge.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.sandbox.Seed;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the service adds on top of Activepieces when it answers a connections page: the same page
 * ({@code limit=10} of a project's 50 connections) asked of the sandbox directly, with the platform's API key,
 * and through {@code GET /api/integration/activepieces/connections/:integrationId}, with a tenant admin's
 * token (permission check, the installation's credentials, retries and the circuit breaker in place), and, for
 * the service's own floor, {@code GET /api/user/me} with that token (no Activepieces call). The three run in
 * turns, {@code --rounds} times, at 1 and 4 clients in a closed loop, then the page directly and through the service
 * at 4 clients paced at half the rate the closed loop gave the proxied page. On a machine of two cores that runs the
 * callers, the sandbox and the service, 4 closed-loop callers keep every core busy, and a page's time there is the
 * callers over the rate; the paced measure gives what the service adds to a call under load below saturation. The
 * summary takes each path's percentiles over every request of its turns (one turn's p99 on two shared cores is a
 * queue), gives the service's CPU per call, and what the service added at p50 and p99. {@code --paths} runs some of
 * the three ({@code direct,proxied,floor}), as when profiling one. The sandbox runs in this process, as in the tests;
 * the service runs on H2, its embedded default, or on the databases {@code --databases} names ({@code h2},
 * {@code postgres}). Run after {@code ./mvnw -B -q -DskipTests install}:
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=org.gauzy.bridge.benchmarks.ProxyBenchmark
 *     [-Dexec.args="--warmup=30 --max-warmup=300 --seconds=10 --rounds=3 --paths=direct,proxied,floor"]</pre>
 */
public final class ProxyBenchmark {

    private static final int CONNECTIONS = 50;
    private static final int[] CLIENTS = {1, 4};
    /** The clients of the paced measure, at half the rate the closed loop of as many gave the proxied page. */
    private static final int PACED_CLIENTS = 4;
    /** The three paths, in the order of a round's first turn. */
    private static final List<String> PATHS = List.of("direct", "proxied", "floor");
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
        Set<String> measured = paths(options.text("paths", String.join(",", PATHS)));
        for (String database : options.databases("h2")) {
            BenchmarkOptions.onFreshDatabase(database, (label, environment) -> {
                System.out.printf("%n== %s%n", label);
                new ProxyBenchmark()
                        .run(
                                options.jar(),
                                options.serverJvmArgs(),
                                environment,
                                options.seconds("warmup", 30),
                                options.seconds("max-warmup", 300),
                                options.seconds("seconds", 10),
                                options.number("rounds", 3),
                                measured);
            });
        }
    }

    private static Set<String> paths(String listed) {
        Set<String> paths = Set.of(listed.split(","));
        if (!PATHS.containsAll(paths)) {
            throw new IllegalArgumentException("--paths takes some of " + PATHS + ", comma-separated: " + listed);
        }
        return paths;
    }

    private void run(
            Path jar,
            String jvmArgs,
            Map<String, String> database,
            Duration warmup,
            Duration maxWarmup,
            Duration measure,
            int rounds,
            Set<String> measured)
            throws Exception {
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.85").start();
                var service = ServiceProcess.start(jar, jvmArgs, environment(database, ap), http)) {
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
                    for (int path = 0; path < paths.length; path++) {
                        if (measured.contains(PATHS.get(path))) {
                            var request = paths[path];
                            Load.run("warm-up", http, clients, WARM_UP_STEP, i -> request);
                        }
                    }
                }
            });
            // The floor makes no Activepieces call: there is nothing to compare it with at a rate.
            Set<String> paced = new HashSet<>(measured);
            paced.remove("floor");
            StringBuilder summary = new StringBuilder();
            double rate = 0;
            for (int clients : CLIENTS) {
                Load.Result[] pooled =
                        compare(service, measured, names, rounds, summary, "clients=" + clients, path -> {
                            var request = paths[path];
                            return Load.run(names[path], http, clients, measure, i -> request);
                        });
                if (clients == PACED_CLIENTS && pooled[1] != null) {
                    rate = pooled[1].perSecond() / 2;
                }
            }
            if (rate > 0) {
                double perSecond = rate;
                System.out.printf(
                        "%n%d clients paced at %.0f calls/s in all, half the rate the service gave them in a closed loop:%n",
                        PACED_CLIENTS, perSecond);
                compare(
                        service,
                        paced,
                        names,
                        rounds,
                        summary,
                        String.format("clients=%d paced at %.0f/s", PACED_CLIENTS, perSecond),
                        path -> {
                            var request = paths[path];
                            return Load.paced(names[path], http, PACED_CLIENTS, perSecond, measure, i -> request);
                        });
            }
            System.out.printf(
                    "%nWhat the service adds (percentiles over every request of %d rounds):%n%s", rounds, summary);
        }
    }

    private static Map<String, String> environment(Map<String, String> database, ActivepiecesSandbox ap) {
        var environment = new HashMap<>(database);
        environment.put("ACTIVEPIECES_BASE_URL", ap.baseUrl());
        return environment;
    }

    /** One turn of one path: its result. */
    @FunctionalInterface
    private interface Turn {
        Load.Result run(int path) throws InterruptedException;
    }

    /**
     * The measured paths in turns, {@code rounds} times, each turn's line printed with the service's CPU per call;
     * the summary's line of the pooled percentiles, and what the service added. Returns the pooled results, null
     * for a path not measured.
     */
    private static Load.Result[] compare(
            ServiceProcess service,
            Set<String> measured,
            String[] names,
            int rounds,
            StringBuilder summary,
            String label,
            Turn turn)
            throws InterruptedException {
        List<List<Load.Result>> turns = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        double[] cpuMillis = new double[PATHS.size()];
        for (int round = 0; round < rounds; round++) {
            for (int t = 0; t < PATHS.size(); t++) {
                int path = (round + t) % PATHS.size();
                if (!measured.contains(PATHS.get(path))) {
                    continue;
                }
                var before = service.cpuTime();
                var result = turn.run(path);
                double cpu = service.cpuTime().minus(before).toNanos() / 1e6;
                System.out.println(result.line()
                        + String.format("  service CPU %.3f ms/call", cpu / Math.max(1, result.requests())));
                turns.get(path).add(result);
                cpuMillis[path] += cpu;
            }
        }
        summary.append("  ").append(label).append(System.lineSeparator());
        var pooled = new Load.Result[PATHS.size()];
        for (int path = 0; path < PATHS.size(); path++) {
            if (turns.get(path).isEmpty()) {
                continue;
            }
            pooled[path] = Load.Result.pooled(names[path], turns.get(path));
            summary.append(String.format(
                    "    %-8s %7.0f calls/s  p50 %5.2f ms  p99 %5.2f ms  service CPU %.3f ms/call%n",
                    PATHS.get(path),
                    pooled[path].perSecond(),
                    pooled[path].percentileMillis(50),
                    pooled[path].percentileMillis(99),
                    cpuMillis[path] / Math.max(1, pooled[path].requests())));
        }
        if (pooled[0] != null && pooled[1] != null) {
            summary.append(String.format(
                    "    added    p50 +%.2f ms, p99 +%.2f ms%n",
                    pooled[1].percentileMillis(50) - pooled[0].percentileMillis(50),
                    pooled[1].percentileMillis(99) - pooled[0].percentileMillis(99)));
        }
        return pooled;
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
