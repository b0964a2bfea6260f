package org.gauzy.bridge.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook delivery under load: 100 subscriptions over 10 tenants and a local receiver. Throughput:
 * every subscription of a tenant listens to every task it creates (10 deliveries per change), tasks are
 * created as fast as 4 clients can, and the receiver counts deliveries per second. Latency: each
 * subscription filters on its own project (one delivery per change), tasks are created at a fixed 500
 * per second, and the receiver measures the time from the change (the event's timestamp, taken just
 * before commit) to arrival. Runs on the embedded default and on PostgreSQL. Run as a normal user after
 * {@code ./mvnw -B -q -DskipTests install}:
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=org.gauzy.bridge.benchmarks.WebhookBenchmark
 *     [-Dexec.args="--warmup=60 --seconds=20 --rate=500 --databases=h2,postgres --compare=other.jar --rounds=2"]</pre>
 *
 * {@code --compare} runs a second build after the first on each kind of database, each on a fresh one,
 * so that two builds are measured side by side in one run. {@code --rounds=N} runs them N times, in turns
 * (A B, B A, ...), and prints each build's means: one pair can differ by a third on noise alone.
 */
public final class WebhookBenchmark {

    private static final int TENANTS = 10;
    private static final int SUBSCRIPTIONS_PER_TENANT = 10;

    record Tenant(ApiCalls.Account account, List<String> projects, List<String> subscriptions) {}

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong lastArrival = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private volatile boolean measuringLatency;
    private String base;
    private ApiCalls api;

    /** One run's figures. */
    record Measured(double deliveriesPerSecond, double cpuMillisPerChange, long p99Millis, long peakMegabytes) {}

    public static void main(String[] args) throws Exception {
        var options = new BenchmarkOptions(args);
        var benchmark = new WebhookBenchmark();
        List<BenchmarkOptions.Build> builds = options.builds();
        int rounds = options.number("rounds", 1);
        // With --compare or --compare-jvm-args, the two builds take turns on each kind of database, each on a
        // fresh one.
        for (String database : options.databases()) {
            Map<BenchmarkOptions.Build, List<Measured>> measured = new LinkedHashMap<>();
            for (var build : BenchmarkOptions.inTurns(builds, rounds)) {
                BenchmarkOptions.onFreshDatabase(
                        database,
                        (label, environment) -> measured.computeIfAbsent(build, b -> new ArrayList<>())
                                .add(benchmark.run(
                                        builds.size() > 1 ? label + ", " + build.name() : label,
                                        environment,
                                        build.jar(),
                                        build.jvmArgs(),
                                        options.seconds("warmup", 60),
                                        options.seconds("seconds", 20),
                                        options.number("rate", 500))));
            }
            if (builds.size() > 1 && rounds > 1) {
                summary(database, builds, measured);
            }
        }
    }

    /** Each build's mean over its runs, and its service CPU per change against the first build's. */
    private static void summary(
            String database,
            List<BenchmarkOptions.Build> builds,
            Map<BenchmarkOptions.Build, List<Measured>> measured) {
        List<Measured> firstRuns = measured.getOrDefault(builds.get(0), List.of());
        double first = mean(firstRuns, Measured::cpuMillisPerChange);
        double firstRate = mean(firstRuns, Measured::deliveriesPerSecond);
        System.out.printf("%n%s, mean of %d runs each, the builds taking turns:%n", database, firstRuns.size());
        for (var build : builds) {
            List<Measured> runs = measured.getOrDefault(build, List.of());
            double cpu = mean(runs, Measured::cpuMillisPerChange);
            double rate = mean(runs, Measured::deliveriesPerSecond);
            System.out.printf(
                    "  %s: %.0f deliveries/s (%.2fx the first build's), service CPU %.2f ms per change (%.2fx),"
                            + " worst p99 %d ms, peak resident %d MB%n",
                    build.name(),
                    rate,
                    rate / firstRate,
                    cpu,
                    cpu / first,
                    runs.stream().mapToLong(Measured::p99Millis).max().orElse(0),
                    runs.stream().mapToLong(Measured::peakMegabytes).max().orElse(-1));
        }
    }

    private static double mean(List<Measured> runs, ToDoubleFunction<Measured> figure) {
        return runs.stream().mapToDouble(figure).average().orElse(0);
    }

    private Measured run(
            String database,
            Map<String, String> environment,
            Path jar,
            String jvmArgs,
            Duration warmup,
            Duration measure,
            int rate)
            throws Exception {
        var receiver = receiver();
        var env = new HashMap<>(environment);
        env.put("WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
        try (var service = ServiceProcess.start(jar, jvmArgs, env, http)) {
            base = service.base();
            api = new ApiCalls(http, json, base);
            String target = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            List<Tenant> tenants = new ArrayList<>();
            for (int t = 0; t < TENANTS; t++) {
                tenants.add(tenant(t, target));
            }
            System.out.printf(
                    "%n%s: %d subscriptions in %d tenants; warming up %d s%n",
                    database, TENANTS * SUBSCRIPTIONS_PER_TENANT, TENANTS, warmup.toSeconds());
            setFilters(tenants, false);
            Load.run("warm-up", 4, warmup, (client, i) -> createTask(tenants, i));
            drain();

            long before = received.get();
            Duration cpuBefore = service.cpuTime();
            var creates =
                    Load.run("create task (10 deliveries each)", 4, measure, (client, i) -> createTask(tenants, i));
            long loadEnded = System.nanoTime();
            drain();
            // Until the last delivery arrived, not until the drain noticed that none came for a while.
            double drainSeconds = Math.max(0, lastArrival.get() - loadEnded) / 1e9;
            long delivered = received.get() - before;
            double cpuMillis = service.cpuTime().minus(cpuBefore).toNanos() / 1e6;
            double perSecond = delivered / (creates.seconds() + drainSeconds);
            double cpuPerChange = cpuMillis / Math.max(1, creates.requests());
            System.out.printf(
                    "throughput: %d deliveries in %.1f s = %.0f deliveries/s sustained (%.0f changes/s,"
                            + " %.1f s to drain after the load stopped); service CPU %.2f ms per change and its deliveries%n",
                    delivered,
                    creates.seconds() + drainSeconds,
                    perSecond,
                    creates.perSecond(),
                    drainSeconds,
                    cpuPerChange);

            setFilters(tenants, true);
            latencies.clear();
            measuringLatency = true;
            long made = paced(tenants, rate, measure);
            drain();
            measuringLatency = false;
            long[] sorted =
                    latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            // The rate reached is printed too: a machine too slow to make the changes at the rate asked measures
            // latency at a lower one.
            System.out.printf(
                    "latency at %d changes/s asked (%.0f/s made): %d deliveries, commit to delivery"
                            + " p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                    rate,
                    made / (double) measure.toSeconds(),
                    sorted.length,
                    percentile(sorted, 50),
                    percentile(sorted, 90),
                    percentile(sorted, 99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
            return new Measured(perSecond, cpuPerChange, percentile(sorted, 99), service.peakResidentMegabytes());
        } finally {
            receiver.stop(0);
        }
    }

    private HttpServer receiver() throws Exception {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        // Daemon threads: the benchmark's JVM ends when its work does, without stopping the pool.
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            var thread = new Thread(r, "receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            lastArrival.set(System.nanoTime());
            if (measuringLatency) {
                String text = new String(body, StandardCharsets.UTF_8);
                int at = text.indexOf("\"timestamp\":\"") + 13;
                Instant occurred = Instant.parse(text.substring(at, text.indexOf('"', at)));
                latencies.add(Duration.between(occurred, Instant.now()).toMillis());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private Tenant tenant(int t, String target) throws Exception {
        var account = api.onboard("hooks" + t);
        List<String> projects = new ArrayList<>();
        List<String> subscriptions = new ArrayList<>();
        for (int s = 0; s < SUBSCRIPTIONS_PER_TENANT; s++) {
            projects.add(api.post("/api/organization-project", account.token(), Map.of("name", "Project " + s))
                    .path("id")
                    .asString());
            subscriptions.add(api.post(
                            "/api/integration/activepieces/webhooks",
                            account.token(),
                            Map.of("name", "bench " + s, "targetUrl", target, "events", List.of("task.created")))
                    .path("id")
                    .asString());
        }
        return new Tenant(account, projects, subscriptions);
    }

    /** Without filters every subscription gets every task; with them, each its own project's only. */
    private void setFilters(List<Tenant> tenants, boolean byProject) throws Exception {
        for (Tenant t : tenants) {
            for (int s = 0; s < SUBSCRIPTIONS_PER_TENANT; s++) {
                var filter = byProject ? Map.of("projectId", t.projects().get(s)) : Map.of();
                var request = HttpRequest.newBuilder(URI.create(base + "/api/integration/activepieces/webhooks/"
                                + t.subscriptions().get(s)))
                        .header("Authorization", "Bearer " + t.account().token())
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("filter", filter))))
                        .build();
                var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("PUT filter answered " + response.statusCode());
                }
            }
        }
    }

    private boolean createTask(List<Tenant> tenants, int i) throws Exception {
        Tenant t = tenants.get(i % tenants.size());
        String body = json.writeValueAsString(Map.of(
                "title", "Task " + i, "projectId", t.projects().get((i / tenants.size()) % SUBSCRIPTIONS_PER_TENANT)));
        var request = HttpRequest.newBuilder(URI.create(base + "/api/tasks"))
                .header("Authorization", "Bearer " + t.account().token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 201;
    }

    /**
     * Creates tasks at a fixed rate (open loop), however fast the service answers; answers how many were
     * made within the measured time.
     */
    private long paced(List<Tenant> tenants, int rate, Duration measure) throws Exception {
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(16);
        var counter = new AtomicLong();
        var made = new AtomicLong();
        long periodMicros = 1_000_000L / rate;
        long end = System.nanoTime() + measure.toNanos();
        var future = pacer.scheduleAtFixedRate(
                () -> pacer.execute(() -> {
                    try {
                        if (createTask(tenants, (int) counter.incrementAndGet()) && System.nanoTime() < end) {
                            made.incrementAndGet();
                        }
                    } catch (Exception e) {
                        // counted as missing deliveries
                    }
                }),
                0,
                periodMicros,
                TimeUnit.MICROSECONDS);
        Thread.sleep(measure.toMillis());
        future.cancel(false);
        pacer.shutdown();
        pacer.awaitTermination(30, TimeUnit.SECONDS);
        return made.get();
    }

    /** Waits until deliveries stop arriving. */
    private void drain() throws InterruptedException {
        long last = -1;
        while (received.get() != last) {
            last = received.get();
            Thread.sleep(1500);
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }
}
