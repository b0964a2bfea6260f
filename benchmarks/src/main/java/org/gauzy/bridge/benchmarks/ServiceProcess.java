package org.gauzy.bridge.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as its own process (the built jar) on a free port, with its own data folder: what the
 * benchmarks measure, sharing the machine's cores with the load generator as a real deployment would
 * share them with its neighbours.
 */
final class ServiceProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "Benchmark-Pass-1";

    /** Linux reports a thread's CPU time in clock ticks of {@code USER_HZ}, 100 a second on every architecture. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    /** The scraper's token the benchmarks start the service with, to read its own metrics. */
    private static final String METRICS_TOKEN = "benchmark-metrics-" + Long.toHexString(System.nanoTime());

    private static final Pattern ALLOCATED =
            Pattern.compile("(?m)^jvm_gc_memory_allocated_bytes_total(?:\\{[^}]*})? ([0-9.eE+]+)$");

    private final Process process;
    private final String base;
    private final Path data;

    private ServiceProcess(Process process, String base, Path data) {
        this.process = process;
        this.base = base;
        this.data = data;
    }

    /**
     * Starts the jar, or the build's launcher; {@code environment} adds to the defaults (for example {@code DB_URL}
     * for PostgreSQL).
     */
    static ServiceProcess start(Path jar, String jvmArgs, Map<String, String> environment, HttpClient http)
            throws Exception {
        var builder = command(jar, jvmArgs);
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        Path data = Files.createTempDirectory("bridge-bench");
        builder.redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile());
        var env = new HashMap<>(Map.of(
                "PORT",
                String.valueOf(port),
                "GAUZY_DATA_DIR",
                data.toString(),
                "GAUZY_ADMIN_PASSWORD",
                ADMIN_PASSWORD,
                "ACCESS_LOG_LEVEL",
                "WARN",
                "API_BASE_URL",
                base,
                "GAUZY_METRICS_TOKEN",
                METRICS_TOKEN));
        env.putAll(environment);
        builder.environment().putAll(env);
        var service = new ServiceProcess(builder.start(), base, data);
        try {
            service.awaitHealthy(http);
        } catch (Exception e) {
            service.stop();
            throw new IllegalStateException(e.getMessage() + "; its server.log is in " + data, e);
        }
        return service;
    }

    /**
     * The command that starts {@code program} with these JVM arguments: a jar runs on the {@code java} of the
     * path, as {@code java <arguments> -jar <jar>}; the build's launcher ({@code server/target/app/gauzy-bridge},
     * the README's command) runs on the Java it was written for, and takes the arguments through
     * {@code JDK_JAVA_OPTIONS}, as an operator adds options to it.
     */
    static ProcessBuilder command(Path program, String jvmArgs) {
        if (!Files.isRegularFile(program)) {
            throw new IllegalStateException(program + " is missing: run ./mvnw -B -q -DskipTests install first");
        }
        List<String> arguments =
                Arrays.stream(jvmArgs.split(" ")).filter(a -> !a.isBlank()).toList();
        if (!program.getFileName().toString().endsWith(".jar")) {
            if (arguments.stream().anyMatch(a -> a.startsWith("@"))) {
                throw new IllegalArgumentException("The launcher " + program + " already reads its options file; "
                        + "JDK_JAVA_OPTIONS, which passes --server-jvm-args to it, cannot read one (" + jvmArgs + ")");
            }
            var builder = new ProcessBuilder(program.toAbsolutePath().toString());
            if (!arguments.isEmpty()) {
                builder.environment().put("JDK_JAVA_OPTIONS", String.join(" ", arguments));
            }
            return builder;
        }
        var command = new ArrayList<String>(List.of("java"));
        command.addAll(arguments);
        command.addAll(List.of("-jar", program.toString()));
        return new ProcessBuilder(command);
    }

    String base() {
        return base;
    }

    /**
     * The keys this node generated on its first start, as the environment of another node on the same database:
     * nodes of one database must agree on them, and a node with other keys refuses to start.
     */
    Map<String, String> keys() throws IOException {
        return Map.of(
                "GAUZY_SECRETS_KEY",
                Files.readString(data.resolve("secrets.key")).trim(),
                "JWT_SIGNING_KEY",
                Files.readString(data.resolve("jwt-signing-key.jwk")).trim());
    }

    /**
     * The bytes the service's threads have allocated on the heap so far, as its metrics count them (Micrometer's
     * {@code jvm.gc.memory.allocated}): the young generation's growth, counted at each collection. A difference over
     * a phase of many collections gives what a request allocates, within an eden's worth.
     */
    double allocatedBytes(HttpClient http) throws IOException, InterruptedException {
        var answer = http.send(
                HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                        .header("Authorization", "Bearer " + METRICS_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher allocated = ALLOCATED.matcher(answer.body());
        if (answer.statusCode() != 200 || !allocated.find()) {
            throw new IllegalStateException("/actuator/prometheus answered " + answer.statusCode()
                    + " without jvm_gc_memory_allocated_bytes_total");
        }
        return Double.parseDouble(allocated.group(1));
    }

    /**
     * The CPU time the service's process has used so far, its JIT compiler and garbage collector
     * included. Taken before and after a phase, it gives what a request costs the service, apart from the
     * load generator and the database it shares the machine with.
     */
    Duration cpuTime() {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("This system does not report a process's CPU time"));
    }

    /**
     * The CPU time the service's JIT compiler threads have used so far (Linux's per-thread {@code stat}); empty
     * elsewhere. A compiler thread that the JVM retired takes its time with it, so only a difference over a
     * short phase means anything, and it may be an underestimate, never more.
     */
    Optional<Duration> compilerCpuTime() {
        return compilerCpuTime(process.pid());
    }

    /** {@link #compilerCpuTime()} of any process. */
    static Optional<Duration> compilerCpuTime(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (var threads = Files.list(tasks)) {
            long ticks = 0;
            for (Path thread : threads.toList()) {
                ticks += compilerTicks(thread);
            }
            return Optional.of(Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND));
        } catch (IOException | UncheckedIOException notLinux) {
            return Optional.empty();
        }
    }

    /** A thread's user and system ticks if it is one of HotSpot's compiler threads ("C1/C2 CompilerThreadN"). */
    private static long compilerTicks(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            // pid (comm) state ppid …: the name may hold spaces, so fields are counted from its closing ")".
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String name = stat.substring(open + 1, close);
            if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
                return 0;
            }
            String[] fields = stat.substring(close + 2).split(" ");
            // After the name: state(0) … utime(11) stime(12), the 14th and 15th fields of proc(5).
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0; // the thread ended between the listing and the read
        }
    }

    /** The most memory the service's process has held resident so far (Linux's VmHWM), in MB; -1 elsewhere. */
    long peakResidentMegabytes() {
        return procStatusMegabytes(process.pid(), "VmHWM:");
    }

    /**
     * Prints the most memory the service's process held resident, stops it and deletes its data folder: a
     * benchmark's database reaches gigabytes. A service that failed to start, or had exited by itself, keeps its
     * folder, for its server.log.
     */
    @Override
    public void close() throws InterruptedException {
        long peak = peakResidentMegabytes();
        if (peak >= 0) {
            System.out.printf("service peak resident memory: %d MB%n", peak);
        }
        if (!process.isAlive()) {
            System.out.printf("The service had exited with %d; its server.log is in %s%n", process.exitValue(), data);
            return;
        }
        stop();
        deleteFolder(data);
    }

    private void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** Deletes a folder the benchmarks made and everything in it. */
    static void deleteFolder(Path folder) {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + folder, e);
        }
    }

    private void awaitHealthy(HttpClient http) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var response = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the service is still starting
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited while starting");
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The service did not become healthy within 120 s");
    }

    /** A memory figure of a process from Linux's /proc status (VmRSS now, VmHWM at its peak); -1 elsewhere. */
    static long procStatusMegabytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException unknown) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
