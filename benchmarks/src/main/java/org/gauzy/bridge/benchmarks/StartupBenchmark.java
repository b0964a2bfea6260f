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
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold starts of the built jar on the embedded default: each on a new, empty data folder (so each creates its
 * database, keys and first admin, as a first start does), timed from the process's start to the first
 * {@code UP} from {@code /actuator/health/readiness}. Prints every start, the median, what Spring Boot itself
 * reports, and the resident memory at readiness. Run after {@code ./mvnw -B -q -DskipTests install}:
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=org.gauzy.bridge.benchmarks.StartupBenchmark
 *     [-Dexec.args="--starts=5 --server-jvm-args='-XX:TieredStopAtLevel=1' --compare=other.jar"]</pre>
 *
 * With {@code --compare}, the two builds start in turns (A B, B A, ...).
 */
public final class StartupBenchmark {

    private static final Pattern STARTED =
            Pattern.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

    private StartupBenchmark() {}

    public static void main(String[] args) throws Exception {
        var options = new BenchmarkOptions(args);
        int starts = options.number("starts", 5);
        List<Path> jars = options.jars();
        var http =
                HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        List<List<Double>> seconds = new ArrayList<>();
        jars.forEach(j -> seconds.add(new ArrayList<>()));
        for (int round = 0; round < starts; round++) {
            for (int k = 0; k < jars.size(); k++) {
                int which = round % 2 == 0 ? k : jars.size() - 1 - k;
                Path jar = jars.get(which);
                double took = start(jar, options.serverJvmArgs(), http);
                seconds.get(which).add(took);
            }
        }
        for (int k = 0; k < jars.size(); k++) {
            double[] sorted = seconds.get(k).stream()
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            System.out.printf(
                    "%s: ready in %s s; median %.2f s over %d cold starts%n",
                    jars.get(k), Arrays.toString(sorted), sorted[sorted.length / 2], sorted.length);
        }
    }

    private static double start(Path jar, String jvmArgs, HttpClient http) throws Exception {
        Path data = Files.createTempDirectory("bridge-start");
        int port = ServiceProcess.freePort();
        var command = new ArrayList<String>(List.of("java"));
        Arrays.stream(jvmArgs.split(" ")).filter(a -> !a.isBlank()).forEach(command::add);
        command.addAll(List.of("-jar", jar.toString()));
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile());
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
                        String log = Files.readString(data.resolve("server.log"));
                        Matcher started = STARTED.matcher(log);
                        System.out.printf(
                                "%s: ready after %.2f s (Spring Boot: %s); resident %d MB%n",
                                jar.getFileName(),
                                took,
                                started.find()
                                        ? "started in " + started.group(1) + " s, process running for "
                                                + started.group(2) + " s"
                                        : "no start line",
                                ServiceProcess.procStatusMegabytes(process.pid(), "VmRSS:"));
                        return took;
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
