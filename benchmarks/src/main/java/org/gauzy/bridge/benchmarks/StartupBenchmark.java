package org.gauzy.bridge.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold starts of the built jar on the embedded default, each timed from the process's start to the first
 * {@code UP} from {@code /actuator/health/readiness}. Each round starts a node on a new, empty data folder (it
 * creates its database, keys and first admin, as a first start does), stops it, and starts it again on that
 * folder (as a restart after an upgrade does). Prints every start, what Spring Boot itself reports, the resident
 * memory and the CPU time the process had used at readiness (all of it, and its JIT compilers'), and the medians of
 * both kinds. On shared cores the time to ready moves with the machine's other load; the CPU time says whether a
 * change made the start do less, and the memory latency printed before and after the starts ({@link MemoryLatency})
 * says how fast the machine was. Run after {@code ./mvnw -B -q -DskipTests install}:
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=org.gauzy.bridge.benchmarks.StartupBenchmark
 *     [-Dexec.args="--starts=5 --server-jvm-args='-XX:TieredStopAtLevel=1' --compare=other.jar
 *     --compare-jvm-args=..."]</pre>
 *
 * With {@code --compare} or {@code --compare-jvm-args}, the two builds start in turns (A B, B A, ...).
 */
public final class StartupBenchmark {

    private static final Pattern STARTED =
            Pattern.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

    private StartupBenchmark() {}

    /** One start: seconds to readiness, and the CPU seconds the process and its compilers had used by then. */
    record Start(double seconds, double cpu, double compilers) {}

    /** One build's starts. */
    record Starts(List<Start> first, List<Start> restart) {}

    public static void main(String[] args) throws Exception {
        var options = new BenchmarkOptions(args);
        List<BenchmarkOptions.Build> builds = options.builds();
        var http =
                HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        System.out.println("before the starts, " + MemoryLatency.measure());
        Map<BenchmarkOptions.Build, Starts> starts = new LinkedHashMap<>();
        builds.forEach(b -> starts.put(b, new Starts(new ArrayList<>(), new ArrayList<>())));
        for (var build : BenchmarkOptions.inTurns(builds, options.number("starts", 5))) {
            Path data = Files.createTempDirectory("bridge-start");
            starts.get(build).first().add(start(build, data, "first start", http));
            starts.get(build).restart().add(start(build, data, "restart", http));
            ServiceProcess.deleteFolder(data);
        }
        System.out.println("after the starts, " + MemoryLatency.measure());
        starts.forEach((build, times) -> {
            System.out.printf("%s: first start ready in %s%n", build.name(), summary(times.first()));
            System.out.printf("%s: restart ready in %s%n", build.name(), summary(times.restart()));
        });
    }

    private static String summary(List<Start> starts) {
        return String.format(
                "%s; CPU by then: median %.2f s, of which the JIT compilers %.2f s",
                median(starts.stream().map(Start::seconds).toList()),
                middle(starts.stream().map(Start::cpu).toList()),
                middle(starts.stream().map(Start::compilers).toList()));
    }

    /** The median, as the upper of the two middle values when there are an even number. */
    private static double middle(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static String median(List<Double> seconds) {
        List<Double> sorted = seconds.stream().sorted().toList();
        return String.format(
                "%s s; median %.2f s over %d cold starts",
                sorted.stream().map(t -> String.format("%.2f", t)).toList(), middle(sorted), sorted.size());
    }

    private static Start start(BenchmarkOptions.Build build, Path data, String kind, HttpClient http) throws Exception {
        int port = ServiceProcess.freePort();
        Path log = data.resolve(kind.replace(' ', '-') + ".log");
        var builder = ServiceProcess.command(build.jar(), build.jvmArgs())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("GAUZY_DATA_DIR", data.toString());
        builder.environment().put("GAUZY_ADMIN_PASSWORD", ServiceProcess.ADMIN_PASSWORD);
        long began = System.nanoTime();
        Process process = builder.start();
        try {
            var readiness = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            long deadline = began + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    var response = http.send(readiness, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                        double took = (System.nanoTime() - began) / 1e9;
                        double cpu = process.toHandle()
                                        .info()
                                        .totalCpuDuration()
                                        .orElse(Duration.ZERO)
                                        .toNanos()
                                / 1e9;
                        double compilers = ServiceProcess.compilerCpuTime(process.pid())
                                        .orElse(Duration.ZERO)
                                        .toNanos()
                                / 1e9;
                        Matcher started = STARTED.matcher(Files.readString(log));
                        System.out.printf(
                                "%s, %s: ready after %.2f s (Spring Boot: %s); resident %d MB; CPU %.2f s, of which"
                                        + " the JIT compilers %.2f s%n",
                                build.name(),
                                kind,
                                took,
                                started.find()
                                        ? "started in " + started.group(1) + " s, process running for "
                                                + started.group(2) + " s"
                                        : "no start line",
                                ServiceProcess.procStatusMegabytes(process.pid(), "VmRSS:"),
                                cpu,
                                compilers);
                        return new Start(took, cpu, compilers);
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("The service exited while starting; see " + data);
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("Not ready within 120 s; see " + data);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }
}
