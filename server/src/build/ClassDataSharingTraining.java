import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The build's training start for class data sharing, run by the JDK's source launcher:
 * {@code java ClassDataSharingTraining.java <archive> <jar> <options file> <data folder>}.
 *
 * <p>It starts the built jar as the README does, with the options file's settings, on an empty data folder, so
 * that the start is a first start (the database file created and migrated, keys generated, the first admin
 * made); waits until {@code /actuator/health/readiness} answers {@code UP}; then stops the service, which
 * writes the classes it loaded into the archive as it exits. A training that stopped when the context was
 * refreshed ({@code spring.context.exit=onRefresh}, on an in-memory database) left 1,700 classes of a real
 * start to be loaded from the jars: Tomcat's connector, H2's file store, the first start's key generation,
 * the readiness answer.
 */
public class ClassDataSharingTraining {

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: <archive> <jar> <options file> <data folder>");
        }
        Path archive = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        Path options = Path.of(args[2]);
        Path data = Path.of(args[3]);
        deleteRecursively(data);
        Files.deleteIfExists(archive);
        int port = freePort();

        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(options));
        command.addAll(List.of(
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off",
                "-XX:ArchiveClassesAtExit=" + archive,
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--spring.main.banner-mode=off",
                // Its warnings (Flyway's on H2's version, springdoc's on its open docs) are the service's to
                // say when it runs, not the build's.
                "--logging.level.root=ERROR"));
        var builder = new ProcessBuilder(command).inheritIO();
        // Whatever the build's environment says (DB_URL, PORT…), the training is the embedded default's first
        // start; the admin's password is set so that none is generated and printed into the build's log.
        builder.environment().clear();
        builder.environment().put("GAUZY_DATA_DIR", data.toString());
        builder.environment().put("GAUZY_ADMIN_PASSWORD", "class-data-sharing-training");
        builder.environment().put("ACCESS_LOG_LEVEL", "WARN");
        Process service = builder.start();
        try {
            awaitReady(service, port);
        } finally {
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly();
                throw new IllegalStateException("The training start did not stop within 60 s");
            }
        }
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new IllegalStateException("The training start wrote no archive at " + archive);
        }
        deleteRecursively(data);
    }

    /** The options file's JVM options, less its archive (the one being written) and its comments. */
    private static List<String> jvmOptions(Path file) throws IOException {
        var options = new ArrayList<String>();
        for (String line : Files.readAllLines(file)) {
            String option = line.strip();
            if (!option.isEmpty() && !option.startsWith("#") && !option.startsWith("-XX:SharedArchiveFile=")) {
                options.add(option);
            }
        }
        return options;
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
