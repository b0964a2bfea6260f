import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The build's start-up cache and launcher, run by the JDK's source launcher:
 * {@code java StartupCacheTraining.java <runtime> <jar> <options file> <launcher> <data folder>}.
 *
 * <p>It picks the Java the service will run on ({@code <runtime>}: {@code auto}, {@code build} or a JDK's folder),
 * trains that Java's start-up cache on a first start of the jar, adds the cache to the options file and writes the
 * launcher that the README's command runs: {@code exec <that java> @<options> -jar <jar>}.
 * <ul>
 *   <li>On Java 25 or later the cache is an AOT cache (JEPs 483, 514 and 515): the classes a start loads, already
 *       linked, and the profiles of the methods it ran. A node is ready in about two thirds of the time it
 *       takes on Java 17 with class data sharing (docs/benchmarks.md).
 *   <li>On an earlier Java it is a class data sharing archive (the classes a start loads), as Spring Boot documents
 *       it for Java 17.
 * </ul>
 * {@code auto}, the default, takes the newest Java 25 or later installed where the system keeps its JDKs
 * ({@code /usr/lib/jvm}, as Debian's and Red Hat's packages install them), and otherwise the Java that runs the
 * build. The code is built and tested for Java 17 either way; a newer Java runs it as it is.
 *
 * <p>The training is a real first start: the built jar with the options file's settings, on an empty data folder
 * (the database file created and migrated, keys generated, the first admin made), until
 * {@code /actuator/health/readiness} answers {@code UP}; then it stops the service, which writes the cache as it
 * exits. A training that stopped when the context was refreshed ({@code spring.context.exit=onRefresh}, on an
 * in-memory database) left 1,700 classes of a real start to be loaded from the jars: Tomcat's connector, H2's file
 * store, the first start's key generation, the readiness answer.
 */
public class StartupCacheTraining {

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    /** The first Java whose AOT cache is made in one training run ({@code -XX:AOTCacheOutput}, JEP 514). */
    private static final int AOT_CACHE_SINCE = 25;
    /** Where Linux distributions install their JDKs, one folder each. */
    private static final Path SYSTEM_JDKS = Path.of("/usr/lib/jvm");

    /** A Java installation: its folder and its version, from its {@code release} file. */
    record Jdk(Path home, Runtime.Version version) {

        Path java() {
            return home.resolve("bin").resolve("java");
        }

        boolean hasAotCache() {
            return version.feature() >= AOT_CACHE_SINCE;
        }

        /** The cache file next to the jar, and the option that gives it to this Java. */
        Path cache(Path app) {
            return app.resolve(hasAotCache() ? "gauzy-bridge.aot" : "gauzy-bridge.jsa");
        }

        String cacheOption(Path cache) {
            return (hasAotCache() ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache;
        }

        List<String> trainingOptions(Path cache) {
            return hasAotCache()
                    ? List.of("-Xlog:aot*=off", "-Xlog:cds*=off", "-XX:AOTCacheOutput=" + cache)
                    : List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-XX:ArchiveClassesAtExit=" + cache);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: <runtime: auto, build or a JDK's folder> <jar> <options file>"
                    + " <launcher> <data folder>");
        }
        Jdk runtime = runtime(args[0]);
        Path jar = Path.of(args[1]).toAbsolutePath();
        Path options = Path.of(args[2]).toAbsolutePath();
        Path launcher = Path.of(args[3]).toAbsolutePath();
        Path data = Path.of(args[4]);
        Path cache = runtime.cache(jar.getParent());
        for (Path stale :
                List.of(jar.resolveSibling("gauzy-bridge.aot"), jar.resolveSibling("gauzy-bridge.jsa"), launcher)) {
            Files.deleteIfExists(stale);
        }
        deleteRecursively(data);

        train(runtime, jar, jvmOptions(options), cache, data);
        Files.writeString(options, Files.readString(options)
                + "\n# The start-up cache the build trained for Java " + runtime.version() + " (written by"
                + " server/src/build/StartupCacheTraining.java).\n" + runtime.cacheOption(cache) + "\n");
        writeLauncher(launcher, runtime, options, jar);
        deleteRecursively(data);
        System.out.printf("Start-up cache: %s for Java %s; %s runs the service on it%n",
                runtime.hasAotCache() ? "an AOT cache" : "a class data sharing archive", runtime.version(), launcher);
    }

    static Jdk runtime(String choice) throws IOException {
        Jdk build = installed(Path.of(System.getProperty("java.home")))
                .orElseThrow(() -> new IllegalStateException("The build's Java has no release file"));
        return switch (choice) {
            case "build" -> build;
            case "auto" -> newestWithAotCache().orElse(build);
            default -> installed(Path.of(choice))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "runtime.java.home=" + choice + " is not a Java installation (no bin/java and"
                                    + " release file there); give a JDK's folder, auto or build"));
        };
    }

    private static Optional<Jdk> newestWithAotCache() throws IOException {
        if (!Files.isDirectory(SYSTEM_JDKS)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(SYSTEM_JDKS)) {
            List<Jdk> found = new ArrayList<>();
            for (Path folder : folders.toList()) {
                installed(folder).filter(Jdk::hasAotCache).ifPresent(found::add);
            }
            return found.stream().max(Comparator.comparing(Jdk::version));
        }
    }

    private static Optional<Jdk> installed(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin").resolve("java")) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        var properties = new Properties();
        try (var reader = Files.newBufferedReader(release)) {
            properties.load(reader);
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
        try {
            return Optional.of(new Jdk(home.toRealPath(), Runtime.Version.parse(version)));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    private static void train(Jdk runtime, Path jar, List<String> jvmOptions, Path cache, Path data)
            throws Exception {
        int port = freePort();
        var command = new ArrayList<String>();
        command.add(runtime.java().toString());
        command.addAll(jvmOptions);
        command.addAll(runtime.trainingOptions(cache));
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--spring.main.banner-mode=off",
                // Its warnings (Flyway's on H2's version) are the service's to say when it runs, not the build's.
                "--logging.level.root=ERROR"));
        var builder = new ProcessBuilder(command).inheritIO();
        // Whatever the build's environment says (DB_URL, PORT…), the training is the embedded default's first
        // start; the admin's password is set so that none is generated and printed into the build's log.
        builder.environment().clear();
        builder.environment().put("GAUZY_DATA_DIR", data.toString());
        builder.environment().put("GAUZY_ADMIN_PASSWORD", "start-up-cache-training");
        builder.environment().put("ACCESS_LOG_LEVEL", "WARN");
        Process service = builder.start();
        try {
            awaitReady(service, port);
        } finally {
            service.destroy();
            // Java 25 writes its AOT cache in a second JVM as the first exits: longer than an archive's dump.
            if (!service.waitFor(180, TimeUnit.SECONDS)) {
                service.destroyForcibly();
                throw new IllegalStateException("The training start did not stop within 180 s");
            }
        }
        if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
            throw new IllegalStateException("The training start wrote no start-up cache at " + cache);
        }
    }

    /** The options file's JVM options, less its comments. */
    private static List<String> jvmOptions(Path file) throws IOException {
        var options = new ArrayList<String>();
        for (String line : Files.readAllLines(file)) {
            String option = line.strip();
            if (!option.isEmpty() && !option.startsWith("#")) {
                options.add(option);
            }
        }
        return options;
    }

    private static void writeLauncher(Path launcher, Jdk runtime, Path options, Path jar) throws IOException {
        Files.writeString(launcher, "#!/bin/sh\n"
                + "# The service on the Java its start-up cache was trained for (Java " + runtime.version() + "),\n"
                + "# with the options next to the jar. Written by the build\n"
                + "# (server/src/build/StartupCacheTraining.java).\n"
                + "# More JVM options: JDK_JAVA_OPTIONS. The service's own settings: environment or --name=value.\n"
                + "exec " + quoted(runtime.java().toString()) + " " + quoted("@" + options) + " -jar "
                + quoted(jar.toString()) + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A word for the shell, taken as it is. */
    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static void awaitReady(Process service, int port) throws Exception {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(10))
                .build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("The training start exited with " + service.exitValue());
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException notListeningYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The training start was not ready within " + READY_WITHIN.toSeconds() + " s");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
