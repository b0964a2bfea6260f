package org.gauzy.bridge.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls the ever-gauzy piece makes while a flow runs, with the access token Activepieces holds for its
 * OAuth connection, side by side with the same calls made with a sign-in token (the first-party path): the
 * task list with relations (filtered, {@code take=50}, on 100,000 tasks), task creation, a timer started and
 * stopped, and the employee list, each from 4 and 16 clients. Every phase runs both tokens in turns (sign-in
 * then OAuth, then the other way round, {@code --rounds} times), and prints their p50 and p99 over every request
 * of the rounds, the service's CPU per call, and the ratio of the OAuth path's to the first-party path's, on H2
 * and then PostgreSQL. Tasks are created through the API, so the figures hold for either database as the
 * service writes it. Run after {@code ./mvnw -B -q -DskipTests install}:
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=org.gauzy.bridge.benchmarks.PieceCallsBenchmark
 *     [-Dexec.args="--tasks=100000 --tenants=10 --warmup=60 --max-warmup=300 --seconds=10 --rounds=4
 *     --databases=h2,postgres"]</pre>
 */
public final class PieceCallsBenchmark {

    private static final int[] CLIENTS = {4, 16};
    private static final int MAX_CLIENTS = 16;
    /** How long each call runs with each token at each client count in a pass of the warm-up. */
    private static final Duration WARM_UP_STEP = Duration.ofSeconds(3);

    private static final String[] STATUSES = {"Open", "Backlog", "In Progress", "Done"};

    /** A tenant as the piece sees it: its organization, projects and employees, and a token of each kind. */
    record Tenant(
            String tenantId,
            String organizationId,
            List<String> projects,
            List<String> employees,
            String signInToken,
            String oauthToken) {

        String token(boolean oauth) {
            return oauth ? oauthToken : signInToken;
        }
    }

    /**
     * A client of the load: client {@code c} works in tenant {@code c % tenants}, as its {@code place}-th client
     * there (so that each has an employee of its own, and timers never meet).
     */
    record Caller(Tenant tenant, int client, int place) {

        static Caller of(List<Tenant> tenants, int client) {
            return new Caller(tenants.get(client % tenants.size()), client, client / tenants.size());
        }
    }

    /** One of the piece's actions: what a client sends, once, with the given token. */
    @FunctionalInterface
    interface Call {
        boolean make(Caller caller, boolean oauth) throws Exception;
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private String base = "";

    public static void main(String[] args) throws Exception {
        var options = new BenchmarkOptions(args);
        var benchmark = new PieceCallsBenchmark();
        options.eachDatabase((database, environment) -> benchmark.run(
                database,
                environment,
                options.jar(),
                options.serverJvmArgs(),
                options.number("tasks", 100_000),
                options.number("tenants", 10),
                options.seconds("warmup", 60),
                options.seconds("max-warmup", 300),
                options.seconds("seconds", 10),
                options.number("rounds", 4)));
    }

    private void run(
            String database,
            Map<String, String> environment,
            Path jar,
            String jvmArgs,
            int taskCount,
            int tenantCount,
            Duration warmup,
            Duration maxWarmup,
            Duration measure,
            int rounds)
            throws Exception {
        try (var service = ServiceProcess.start(jar, jvmArgs, environment, http)) {
            base = service.base();
            var api = new ApiCalls(http, json, base);
            var flow = new OAuthFlow(http, base);
            List<Tenant> tenants = new ArrayList<>();
            for (int t = 0; t < tenantCount; t++) {
                tenants.add(onboard(api, flow, t, (MAX_CLIENTS + tenantCount - 1) / tenantCount));
            }
            long started = System.nanoTime();
            createTasks(tenants, taskCount);
            System.out.printf(
                    "%n%s: %d tenants, %d tasks created through the API in %.0f s; warming up for at least %d s,"
                            + " until the compilers are quiet%n",
                    database, tenantCount, taskCount, (System.nanoTime() - started) / 1e9, warmup.toSeconds());
            if (environment.containsKey("DB_URL")) {
                vacuumAnalyze(environment);
            }

            Map<String, Call> calls = new LinkedHashMap<>();
            calls.put("list tasks (relations)", this::listTasks);
            calls.put("create task", this::createTask);
            calls.put("timer start + stop", this::timer);
            calls.put("list employees", this::listEmployees);
            Map<String, Call> warmUpCalls = new LinkedHashMap<>(calls);
            warmUpCalls.put("create task", this::createTaskAsideFromTheList);
            WarmUp.untilCompiled(service, warmup, maxWarmup, () -> {
                for (var call : warmUpCalls.entrySet()) {
                    for (int clients : CLIENTS) {
                        for (boolean oauth : new boolean[] {false, true}) {
                            Load.run(
                                    "warm-up",
                                    clients,
                                    WARM_UP_STEP,
                                    (c, i) -> call.getValue().make(Caller.of(tenants, c), oauth));
                        }
                    }
                }
            });
            List<String> summary = new ArrayList<>();
            for (var call : calls.entrySet()) {
                for (int clients : CLIENTS) {
                    summary.add(compare(service, call.getKey(), call.getValue(), tenants, clients, measure, rounds));
                }
            }
            System.out.printf(
                    "%n%s, the OAuth path against the first-party path (every request of %d rounds):%n",
                    database, rounds);
            summary.forEach(System.out::println);
        }
    }

    /**
     * What autovacuum does in production after a bulk load, done before the measure rather than during it:
     * PostgreSQL's statistics, and the visibility map that lets the list count from the index alone.
     */
    private static void vacuumAnalyze(Map<String, String> environment) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        environment.get("DB_URL"), environment.get("DB_USER"), environment.get("DB_PASS"));
                var s = c.createStatement()) {
            s.execute("vacuum analyze");
        }
    }

    /**
     * Both tokens in turns, {@code rounds} times; the line of the ratios. Each token's percentiles are taken over
     * all its requests of all rounds, and its CPU per call over all its time: on two shared cores one turn's p99
     * is a queue that swings by a third between turns of the same token.
     */
    private String compare(
            ServiceProcess service,
            String name,
            Call call,
            List<Tenant> tenants,
            int clients,
            Duration measure,
            int rounds)
            throws InterruptedException {
        List<List<Load.Result>> turns = List.of(new ArrayList<>(), new ArrayList<>()); // [first-party, OAuth]
        double[] cpuMillis = new double[2];
        for (int round = 0; round < rounds; round++) {
            for (int turn = 0; turn < 2; turn++) {
                boolean oauth = (round + turn) % 2 == 1;
                var before = service.cpuTime();
                var result = Load.run(
                        name + (oauth ? " [OAuth]" : " [sign-in]"),
                        clients,
                        measure,
                        (c, i) -> call.make(Caller.of(tenants, c), oauth));
                double cpu = service.cpuTime().minus(before).toNanos() / 1e6;
                System.out.println(
                        result.line() + String.format("  CPU %.2f ms/call", cpu / Math.max(1, result.requests())));
                turns.get(oauth ? 1 : 0).add(result);
                cpuMillis[oauth ? 1 : 0] += cpu;
            }
        }
        var firstParty = Load.Result.pooled(name, turns.get(0));
        var oauth = Load.Result.pooled(name, turns.get(1));
        double firstPartyCpu = cpuMillis[0] / Math.max(1, firstParty.requests());
        double oauthCpu = cpuMillis[1] / Math.max(1, oauth.requests());
        return String.format(
                "  %-24s clients=%-3d p50 %6.2f → %6.2f ms (×%.2f)   p99 %6.2f → %6.2f ms (×%.2f)"
                        + "   CPU %.2f → %.2f ms/call (×%.2f)",
                name,
                clients,
                firstParty.percentileMillis(50),
                oauth.percentileMillis(50),
                oauth.percentileMillis(50) / firstParty.percentileMillis(50),
                firstParty.percentileMillis(99),
                oauth.percentileMillis(99),
                oauth.percentileMillis(99) / firstParty.percentileMillis(99),
                firstPartyCpu,
                oauthCpu,
                oauthCpu / firstPartyCpu);
    }

    /** The piece's "List of Tasks": filters as query parameters, relations as a comma-separated list. */
    private boolean listTasks(Caller caller, boolean oauth) throws Exception {
        Tenant t = caller.tenant();
        return get(
                "/api/tasks?organizationId=" + t.organizationId() + "&projectId="
                        + t.projects().get(caller.client() % 2) + "&status=Open&take=50&relations=project,members,tags",
                t.token(oauth));
    }

    /** The piece's "Create Task". */
    private boolean createTask(Caller caller, boolean oauth) throws Exception {
        Tenant t = caller.tenant();
        return send("/api/tasks", t.token(oauth), createBody(t, caller.client(), "Open"));
    }

    /**
     * The same call in a status the list does not ask for: a warm-up that lasts until the compilers are quiet
     * creates 100,000 tasks or more, which in the listed status would double what the list counts.
     */
    private boolean createTaskAsideFromTheList(Caller caller, boolean oauth) throws Exception {
        Tenant t = caller.tenant();
        return send("/api/tasks", t.token(oauth), createBody(t, caller.client(), "Backlog"));
    }

    /** The piece's "Start Timer" then "Stop Timer", for the client's own employee. */
    private boolean timer(Caller caller, boolean oauth) throws Exception {
        Tenant t = caller.tenant();
        String employee = t.employees().get(caller.place() % t.employees().size());
        var body = Map.of(
                "tenantId",
                t.tenantId(),
                "organizationId",
                t.organizationId(),
                "employeeId",
                employee,
                "logType",
                "TRACKED",
                "source",
                "BROWSER",
                "isBillable",
                false);
        return send("/api/timesheet/timer/start", t.token(oauth), body)
                && send("/api/timesheet/timer/stop", t.token(oauth), body);
    }

    /** The piece's "List Employees": {@code where} and {@code relations} as JSON in the query. */
    private boolean listEmployees(Caller caller, boolean oauth) throws Exception {
        Tenant t = caller.tenant();
        return get(
                "/api/employee?where=" + enc("{\"organizationId\":\"" + t.organizationId() + "\"}") + "&relations="
                        + enc("{\"user\":true}") + "&take=50",
                t.token(oauth));
    }

    private Map<String, Object> createBody(Tenant t, int i, String status) {
        return Map.of(
                "title", "Piece task " + i,
                "projectId", t.projects().get(i % 2),
                "status", status,
                "organizationId", t.organizationId(),
                "tenantId", t.tenantId());
    }

    private boolean get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return ok(http.send(request, HttpResponse.BodyHandlers.discarding()));
    }

    private boolean send(String path, String token, Object body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        return ok(http.send(request, HttpResponse.BodyHandlers.discarding()));
    }

    private static boolean ok(HttpResponse<?> response) {
        return response.statusCode() / 100 == 2;
    }

    /** A tenant with two projects and its employees, its admin signed in and connected through OAuth. */
    private Tenant onboard(ApiCalls api, OAuthFlow flow, int index, int employeeCount) throws Exception {
        var admin = api.onboard("piece" + index);
        List<String> projects = api.projects(admin, "Website", "Mobile");
        List<String> employees = new ArrayList<>();
        for (int e = 0; e < employeeCount; e++) {
            employees.add(api.post(
                            "/api/employee",
                            admin.token(),
                            Map.of(
                                    "user",
                                    Map.of(
                                            "email",
                                            "worker" + e + "-" + admin.email(),
                                            "firstName",
                                            "Worker",
                                            "lastName",
                                            String.valueOf(e)),
                                    "organizationId",
                                    admin.organizationId(),
                                    "password",
                                    ServiceProcess.ADMIN_PASSWORD))
                    .path("id")
                    .asString());
        }
        var client = flow.connect(api, admin);
        var token = json.readTree(flow.exchange(client, flow.code(client)).body());
        return new Tenant(
                admin.tenantId(),
                admin.organizationId(),
                projects,
                employees,
                admin.token(),
                token.path("access_token").asString());
    }

    /** The tasks the list reads, spread over the tenants and their projects, created by 8 clients at once. */
    private void createTasks(List<Tenant> tenants, int count) throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> failures = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                failures.add(pool.submit(() -> {
                    int failed = 0;
                    for (int i = client; i < count; i += 8) {
                        Tenant t = tenants.get(i % tenants.size());
                        int n = i / tenants.size();
                        if (!send("/api/tasks", t.signInToken(), createBody(t, n, STATUSES[n % STATUSES.length]))) {
                            failed++;
                        }
                    }
                    return failed;
                }));
            }
            int failed = 0;
            for (var f : failures) {
                failed += f.get();
            }
            if (failed > 0) {
                throw new IllegalStateException(failed + " of " + count + " tasks could not be created");
            }
        } finally {
            pool.shutdown();
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
