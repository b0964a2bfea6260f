package org.gauzy.bridge.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * at 4 clients paced at half the rate the closed loop gave the proxied page (or at {@code --rate} calls a second in
 * all, to compare runs at one rate). On a machine of two cores that runs the
 * callers, the sandbox and the service, 4 closed-loop callers keep every core busy, and a page's time there is the
 * callers over the rate; the paced measure gives what the service adds to a call under load below saturation. The
 * summary takes each path's percentiles over every request of its turns (one turn's p99 on two shared cores is a
 * queue), gives the service's CPU per call, and what the service added at p50 and p99. {@code --paths} runs some of
 * the three ({@code direct,proxied,floor}), as when profiling one. The sandbox runs in this process, as in the tests;
 * the service runs on H2, its embedded default, or on the databases {@code --databases} names ({@code h2},
 * {@code postgres}). {@code --compare=<other jar>} (or {@code --compare-jvm-args=…}) starts a second build beside the
 * first, with a tenant and a platform of its own, and measures its page and floor in the same turns, at the same
 * pace, so that two builds compare side by side in one run. Run after {@code ./mvnw -B -q -DskipTests install}:
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=org.gauzy.bridge.benchmarks.ProxyBenchmark
 *     [-Dexec.args="--warmup=30 --max-warmup=300 --seconds=10 --rounds=3 --paths=direct,proxied,floor
 *     --compare=/path/to/other.jar --compare-jvm-args=@/path/to/other.options"]</pre>
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
        // Its pauses hold up the callers and the sandbox, on both paths: the docs say which collector to run it with.
        System.out.printf(
                "The callers and the sandbox run in this JVM (MAVEN_OPTS sets its options), collected by %s%n",
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName)
                        .toList());
        for (String database : options.databases("h2")) {
            BenchmarkOptions.onFreshDatabase(database, (label, environment) -> {
                System.out.printf("%n== %s%n", label);
                new ProxyBenchmark()
                        .run(
                                options.builds(),
                                environment,
                                options.seconds("warmup", 30),
                                options.seconds("max-warmup", 300),
                                options.seconds("seconds", 10),
                                options.number("rounds", 3),
                                options.number("rate", 0),
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

    /** A build's service, with a tenant of its own whose installation holds a platform of its own. */
    private record Target(String label, ServiceProcess service, HttpRequest proxied, HttpRequest floor) {}

    /**
     * A path measured in turns: {@code kind} one of {@link #PATHS}, the service it is charged to (the first
     * build's for the direct page, which reaches no service: its CPU there is the service's idle work).
     */
    private record Route(String kind, String name, HttpRequest request, Target target) {

        /** The direct page is one, whichever build's platform it reads. */
        String key() {
            return kind.equals("direct") ? kind : kind + target.label();
        }
    }

    private void run(
            List<BenchmarkOptions.Build> builds,
            Map<String, String> database,
            Duration warmup,
            Duration maxWarmup,
            Duration measure,
            int rounds,
            int fixedRate,
            Set<String> measured)
            throws Exception {
        List<ServiceProcess> processes = new ArrayList<>();
        try (var ap = ActivepiecesSandbox.builder().apVersion("0.85").start()) {
            // One after the other: the first applies the migrations; a second on the same database takes its keys.
            for (var build : builds) {
                var environment = environment(database, ap);
                if (!processes.isEmpty()) {
                    environment.putAll(processes.get(0).keys());
                }
                processes.add(ServiceProcess.start(build.jar(), build.jvmArgs(), environment, http));
            }
            List<Target> targets = new ArrayList<>();
            HttpRequest direct = null;
            for (int i = 0; i < builds.size(); i++) {
                String label = builds.size() == 1 ? "" : " [" + (char) ('a' + i) + "]";
                if (builds.size() > 1) {
                    System.out.printf(
                            "[%c] %s%n", (char) ('a' + i), builds.get(i).name());
                }
                Seed platform = ap.addPlatform(null, null);
                var target = target(ap, platform, processes.get(i), label, "proxy" + i);
                targets.add(target);
                if (direct == null) {
                    direct = HttpRequest.newBuilder(URI.create(ap.baseUrl() + "/api/v1/app-connections?projectId="
                                    + platform.projectId() + "&limit=10"))
                            .header("Authorization", "Bearer " + platform.apiKey())
                            .build();
                    check(direct);
                }
                ap.clearRequests();
                http.send(target.proxied(), HttpResponse.BodyHandlers.discarding());
                System.out.printf(
                        "Connections page (10 of %d): %d Activepieces call(s) for a page through the service%s (%s)%n",
                        CONNECTIONS,
                        ap.requests().size(),
                        label,
                        ap.requests().stream()
                                .map(r -> r.method() + " " + r.path())
                                .toList());
            }
            List<Route> routes = new ArrayList<>();
            if (measured.contains("direct")) {
                routes.add(new Route("direct", "Activepieces directly", direct, targets.get(0)));
            }
            for (Target target : targets) {
                if (measured.contains("proxied")) {
                    routes.add(new Route("proxied", "through the service" + target.label(), target.proxied(), target));
                }
                if (measured.contains("floor")) {
                    routes.add(new Route(
                            "floor", "the service alone (/user/me)" + target.label(), target.floor(), target));
                }
            }
            System.out.printf("Warming up for at least %d s, until the compilers are quiet%n", warmup.toSeconds());
            for (Target target : targets) {
                WarmUp.untilCompiled(target.service(), warmup, maxWarmup, () -> {
                    for (int clients : CLIENTS) {
                        for (Route route : routes) {
                            if (route.target() == target) {
                                Load.run("warm-up", http, clients, WARM_UP_STEP, i -> route.request());
                            }
                        }
                    }
                });
            }
            StringBuilder summary = new StringBuilder();
            double rate = 0;
            for (int clients : CLIENTS) {
                Map<String, Load.Result> pooled = compare(
                        routes,
                        rounds,
                        summary,
                        "clients=" + clients,
                        route -> Load.run(route.name(), http, clients, measure, i -> route.request()));
                Load.Result proxied = pooled.get("proxied" + targets.get(0).label());
                if (clients == PACED_CLIENTS && proxied != null) {
                    rate = proxied.perSecond() / 2;
                }
            }
            if (fixedRate > 0) {
                rate = fixedRate;
            }
            if (rate > 0) {
                double perSecond = rate;
                System.out.printf(
                        "%n%d clients paced at %.0f calls/s in all, %s:%n",
                        PACED_CLIENTS,
                        perSecond,
                        fixedRate > 0
                                ? "as --rate says"
                                : "half the rate the " + (targets.size() == 1 ? "service" : "first build")
                                        + " gave them in a closed loop");
                // The floor makes no Activepieces call: there is nothing to compare it with at a rate.
                compare(
                        routes.stream().filter(r -> !r.kind().equals("floor")).toList(),
                        rounds,
                        summary,
                        String.format("clients=%d paced at %.0f/s", PACED_CLIENTS, perSecond),
                        route -> Load.paced(
                                route.name(), http, PACED_CLIENTS, perSecond, measure, i -> route.request()));
            }
            System.out.printf(
                    "%nWhat the service adds (percentiles over every request of %d rounds):%n%s", rounds, summary);
        } finally {
            for (ServiceProcess process : processes) {
                process.close();
            }
        }
    }

    /** A tenant admin on the service, an installation with the platform's key, and the platform's connections. */
    private Target target(ActivepiecesSandbox ap, Seed platform, ServiceProcess service, String label, String name)
            throws Exception {
        var api = new ApiCalls(http, json, service.base());
        var admin = api.onboard(name);
        String install = api.setUpActivepieces(admin, platform.apiKey());
        for (int i = 0; i < CONNECTIONS; i++) {
            addConnection(ap, platform, "bench-" + i, admin.tenantId());
        }
        var proxied = HttpRequest.newBuilder(URI.create(service.base() + "/api/integration/activepieces/connections/"
                        + install + "?projectId=" + platform.projectId() + "&limit=10"))
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
        check(proxied);
        return new Target(label, service, proxied, floor);
    }

    /** The page answers 200 with 10 connections. */
    private void check(HttpRequest page) throws Exception {
        var answer = http.send(page, HttpResponse.BodyHandlers.ofString());
        int listed = json.readTree(answer.body()).path("data").size();
        if (answer.statusCode() != 200 || listed != 10) {
            throw new IllegalStateException(page.uri().getPath() + " answered " + answer.statusCode() + " with "
                    + listed + " connections: " + answer.body());
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
        Load.Result run(Route route) throws InterruptedException;
    }

    /**
     * The routes in turns, {@code rounds} times, each round starting one route later, each turn's line printed
     * with its service's CPU and heap allocation per call; the summary's lines of the pooled percentiles with
     * those, what each service added to the direct page, and, with two builds, the second's figures over the
     * first's. Returns the pooled results by {@link Route#key()}.
     */
    private Map<String, Load.Result> compare(
            List<Route> routes, int rounds, StringBuilder summary, String label, Turn turn)
            throws IOException, InterruptedException {
        Map<String, List<Load.Result>> turns = new LinkedHashMap<>();
        Map<String, Double> cpuMillis = new HashMap<>();
        Map<String, Double> allocated = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int t = 0; t < routes.size(); t++) {
                Route route = routes.get((round + t) % routes.size());
                ServiceProcess service = route.target().service();
                var before = service.cpuTime();
                double bytesBefore = service.allocatedBytes(http);
                var result = turn.run(route);
                double cpu = service.cpuTime().minus(before).toNanos() / 1e6;
                double bytes = service.allocatedBytes(http) - bytesBefore;
                long calls = Math.max(1, result.requests());
                System.out.println(result.line()
                        + String.format(
                                "  service CPU %.3f ms/call, allocated %.0f KB/call",
                                cpu / calls, bytes / calls / 1024));
                turns.computeIfAbsent(route.key(), k -> new ArrayList<>()).add(result);
                cpuMillis.merge(route.key(), cpu, Double::sum);
                allocated.merge(route.key(), bytes, Double::sum);
            }
        }
        summary.append("  ").append(label).append(System.lineSeparator());
        Map<String, Load.Result> pooled = new LinkedHashMap<>();
        Map<String, Double> cpuPerCall = new HashMap<>();
        for (Route route : routes) {
            var result = Load.Result.pooled(route.name(), turns.get(route.key()));
            pooled.put(route.key(), result);
            cpuPerCall.put(route.key(), cpuMillis.get(route.key()) / Math.max(1, result.requests()));
            summary.append(String.format(
                    "    %-12s %7.0f calls/s  p50 %5.2f ms  p99 %5.2f ms  service CPU %.3f ms/call, %.0f KB/call%n",
                    route.key(),
                    result.perSecond(),
                    result.percentileMillis(50),
                    result.percentileMillis(99),
                    cpuPerCall.get(route.key()),
                    allocated.get(route.key()) / Math.max(1, result.requests()) / 1024));
        }
        Load.Result direct = pooled.get("direct");
        List<String> proxied = routes.stream()
                .filter(r -> r.kind().equals("proxied"))
                .map(Route::key)
                .toList();
        for (String key : proxied) {
            if (direct != null) {
                summary.append(String.format(
                        "    added%-6s p50 +%.2f ms, p99 +%.2f ms%n",
                        key.substring("proxied".length()),
                        pooled.get(key).percentileMillis(50) - direct.percentileMillis(50),
                        pooled.get(key).percentileMillis(99) - direct.percentileMillis(99)));
            }
        }
        if (proxied.size() == 2) {
            Load.Result a = pooled.get(proxied.get(0));
            Load.Result b = pooled.get(proxied.get(1));
            summary.append(String.format(
                    "    [b]/[a] proxied: calls/s x%.2f, p50 x%.2f, p99 x%.2f, service CPU x%.2f%n",
                    b.perSecond() / a.perSecond(),
                    b.percentileMillis(50) / a.percentileMillis(50),
                    b.percentileMillis(99) / a.percentileMillis(99),
                    cpuPerCall.get(proxied.get(1)) / cpuPerCall.get(proxied.get(0))));
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
