package org.gauzy.bridge.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import tools.jackson.databind.json.JsonMapper;

/**
 * The task API under load, on PostgreSQL, as the ever-gauzy piece uses it: 100,000 tasks across 10
 * tenants, then a filtered, paged list ({@code take=50}) and task creation, each from 4 and 16
 * concurrent clients on keep-alive connections (and one, for the time a request takes), after a warm-up.
 * The service runs as its own process (the built jar); the load generator shares the machine's cores
 * with it. {@code --compare=<other jar>} runs a second build on the same database, or
 * {@code --compare-jvm-args=…} the same jar with other JVM arguments (a bounded heap), and measures the two
 * in turn, phase by phase, so that their ratio is taken side by side. Run as a normal user (PostgreSQL
 * refuses root), after {@code ./mvnw -B -q -DskipTests install}:
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=org.gauzy.bridge.benchmarks.TaskApiBenchmark
 *     [-Dexec.args="--tasks=100000 --warmup=60 --seconds=20 --compare=/path/to/other.jar
 *     --server-jvm-args=-XX:StartFlightRecording=…"]</pre>
 */
public final class TaskApiBenchmark {

    private static final String[] STATUSES = {"Open", "Backlog", "In Progress", "Done"};

    record Tenant(String email, String token, String tenantId, String organizationId, List<String> projects) {

        Tenant signedInAt(ApiCalls service) throws Exception {
            return new Tenant(email, service.login(email), tenantId, organizationId, projects);
        }
    }

    /** A running build under test, with the tenants signed in on it. */
    record Service(String label, ServiceProcess process, List<Tenant> tenants) {

        String base() {
            return process.base();
        }

        /** The phase's figures, with the service's CPU time per request. */
        String measure(String name, HttpClient http, int clients, Duration duration, IntFunction<HttpRequest> request)
                throws InterruptedException {
            Duration before = process.cpuTime();
            var result = Load.run(name, http, clients, duration, request);
            double cpuMillis = process.cpuTime().minus(before).toNanos() / 1e6;
            return result.line()
                    + String.format("  CPU %.2f ms/req", cpuMillis / Math.max(1, result.requests()))
                    + label;
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private ApiCalls api;

    public static void main(String[] args) throws Exception {
        var options = new BenchmarkOptions(args);
        new TaskApiBenchmark()
                .run(
                        options.number("tasks", 100_000),
                        options.number("tenants", 10),
                        options.seconds("warmup", 60),
                        options.seconds("seconds", 20),
                        options.builds(),
                        options.flag("explain"));
    }

    private void run(
            int taskCount,
            int tenantCount,
            Duration warmup,
            Duration measure,
            List<BenchmarkOptions.Build> builds,
            boolean explain)
            throws Exception {
        try (var pg = EmbeddedPostgres.builder().start()) {
            try (var c = pg.getPostgresDatabase().getConnection();
                    var s = c.createStatement()) {
                s.execute("create database bench");
            }
            String url = pg.getJdbcUrl("postgres", "bench");
            Map<String, String> database = Map.of("DB_URL", url, "DB_USER", "postgres", "DB_PASS", "");
            List<ServiceProcess> processes = new ArrayList<>();
            try {
                // One after the other: the first applies the migrations.
                for (var build : builds) {
                    Map<String, String> environment = new HashMap<>(database);
                    if (!processes.isEmpty()) {
                        environment.putAll(processes.get(0).keys());
                    }
                    processes.add(ServiceProcess.start(build.jar(), build.jvmArgs(), environment, http));
                }
                api = new ApiCalls(http, json, processes.get(0).base());
                List<Tenant> tenants = new ArrayList<>();
                for (int i = 0; i < tenantCount; i++) {
                    tenants.add(onboard(i));
                }
                long loaded = bulkLoad(url, tenants, taskCount);
                if (explain) {
                    explain(url, tenants.get(0));
                }
                List<Service> services = new ArrayList<>();
                for (int i = 0; i < processes.size(); i++) {
                    var calls = new ApiCalls(http, json, processes.get(i).base());
                    List<Tenant> signedIn = new ArrayList<>();
                    for (Tenant t : tenants) {
                        signedIn.add(t.signedInAt(calls));
                    }
                    services.add(new Service(
                            builds.size() == 1 ? "" : " [" + builds.get(i).name() + "]", processes.get(i), signedIn));
                }
                System.out.printf(
                        "PostgreSQL %s, %d tasks in %d tenants loaded; warming up %d s%n",
                        pg.getPostgresDatabase().getConnection().getMetaData().getDatabaseProductVersion(),
                        loaded,
                        tenantCount,
                        warmup.toSeconds());
                for (Service service : services) {
                    Load.run("warm-up list", http, 4, warmup.dividedBy(2), i -> list(service, i));
                    Load.run("warm-up create", http, 4, warmup.dividedBy(2), i -> create(service, i));
                }
                // One client: the time a request takes; four and sixteen: what queueing adds on two cores.
                for (int clients : new int[] {1, 4, 16}) {
                    for (Service service : services) {
                        System.out.println(service.measure(
                                "list (filtered, take=50)", http, clients, measure, i -> list(service, i)));
                    }
                }
                for (int clients : new int[] {1, 4, 16}) {
                    for (Service service : services) {
                        System.out.println(
                                service.measure("create task", http, clients, measure, i -> create(service, i)));
                    }
                }
            } finally {
                for (ServiceProcess process : processes) {
                    process.close();
                }
            }
        }
    }

    private HttpRequest list(Service service, int i) {
        Tenant t = service.tenants().get(i % service.tenants().size());
        return HttpRequest.newBuilder(URI.create(service.base() + "/api/tasks?organizationId=" + t.organizationId()
                        + "&projectId=" + t.projects().get(i % 2) + "&status=Open&take=50"))
                .header("Authorization", "Bearer " + t.token())
                .GET()
                .build();
    }

    private HttpRequest create(Service service, int i) {
        Tenant t = service.tenants().get(i % service.tenants().size());
        String body = json.writeValueAsString(Map.of(
                "title",
                "Benchmark task " + i,
                "projectId",
                t.projects().get(i % 2),
                "status",
                "Open",
                "organizationId",
                t.organizationId(),
                "tenantId",
                t.tenantId(),
                "public",
                true));
        return HttpRequest.newBuilder(URI.create(service.base() + "/api/tasks"))
                .header("Authorization", "Bearer " + t.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private Tenant onboard(int i) throws Exception {
        var account = api.onboard("bench" + i);
        List<String> projects = api.projects(account, "Website", "Mobile");
        return new Tenant(account.email(), account.token(), account.tenantId(), account.organizationId(), projects);
    }

    /** Tasks straight into the database: the list is measured, not the loading. */
    private long bulkLoad(String url, List<Tenant> tenants, int total) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            c.setAutoCommit(false);
            var insert = c.prepareStatement(
                    "insert into task (id, tenant_id, organization_id, task_number, prefix, title,"
                            + " status, is_public, is_draft, project_id, created_at, updated_at) values (?,?,?,?,?,?,?,true,false,?,?,?)");
            int perTenant = total / tenants.size();
            Instant now = Instant.now();
            for (Tenant t : tenants) {
                for (int n = 1; n <= perTenant; n++) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, UUID.fromString(t.tenantId()));
                    insert.setObject(3, UUID.fromString(t.organizationId()));
                    insert.setInt(4, n);
                    insert.setString(5, "BNCH");
                    insert.setString(6, "Loaded task " + n);
                    insert.setString(7, STATUSES[n % STATUSES.length]);
                    insert.setObject(8, UUID.fromString(t.projects().get(n % 2)));
                    Timestamp created = Timestamp.from(now.minusSeconds(perTenant - n));
                    insert.setTimestamp(9, created);
                    insert.setTimestamp(10, created);
                    insert.addBatch();
                    if (n % 5000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            try (var s = c.createStatement()) {
                // What autovacuum does in production: statistics, and a visibility map for index-only counts.
                s.execute("vacuum analyze");
                var rs = s.executeQuery("select count(*) from task");
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** PostgreSQL's plans for the list's two queries, as the service sends them. */
    private void explain(String url, Tenant t) throws Exception {
        String where =
                " from task where tenant_id = '" + t.tenantId() + "' and organization_id = '" + t.organizationId()
                        + "' and project_id = '" + t.projects().get(0) + "' and status = 'Open' and deleted_at is null";
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                var s = c.createStatement()) {
            for (String sql : new String[] {
                "select count(*)" + where,
                "select *" + where + " order by created_at desc, id offset 0 rows fetch next 50 rows only"
            }) {
                var rs = s.executeQuery("explain analyze " + sql);
                while (rs.next()) {
                    System.out.println("  " + rs.getString(1));
                }
            }
        }
    }
}
