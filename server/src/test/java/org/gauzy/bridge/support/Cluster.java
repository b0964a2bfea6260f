package org.gauzy.bridge.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.gauzy.bridge.demo.DemoNodes;
import org.gauzy.bridge.demo.RoundRobinProxy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Several real nodes of the service, each the built jar in a process of its own, on one embedded PostgreSQL,
 * behind a {@link RoundRobinProxy}: what an operator runs with their own load balancer (see the README's
 * "Several nodes"). Every node gets the same signing and secrets keys and the proxy's address as its public
 * one; each its own port and data folder. Its output goes to a file, for a test to read and for a failure to
 * show.
 */
public final class Cluster implements AutoCloseable {

    public static final String ADMIN_EMAIL = "admin@cluster.test";
    public static final String ADMIN_PASSWORD = "Cluster-Admin-7";
    private static final Path JAR = Path.of("target", "gauzy-bridge.jar");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** One node: its process, where it listens, and the file its output goes to. */
    public record Node(int index, int port, Process process, Path log) {

        public String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        public String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private EmbeddedPostgres postgres;
    private final int postgresPort;
    private final String database = "cluster_" + UUID.randomUUID().toString().replace("-", "");
    private final RoundRobinProxy proxy;
    private final Path folder;
    private final Map<String, String> environment = new HashMap<>();
    private final List<String> arguments;
    private final List<Node> nodes = new ArrayList<>();
    /** Every process this cluster started, in the proxy or not, so that closing it leaves none running. */
    private final List<Node> launched = new ArrayList<>();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Cluster(List<String> arguments) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: the multi-node tests run the built "
                    + "jar, after mvn package (mvn verify runs them in that order)");
        }
        this.arguments = arguments;
        this.folder = Files.createTempDirectory("bridge-cluster");
        this.postgresPort = DemoNodes.freePort();
        this.postgres = postgres();
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("create database " + database);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot create the cluster's database", e);
        }
        this.proxy = new RoundRobinProxy(0);
        environment.put("DB_URL", postgres.getJdbcUrl("postgres", database));
        environment.put("DB_USER", "postgres");
        environment.put("DB_PASS", "");
        environment.put("JWT_SIGNING_KEY", DemoNodes.newSigningKey());
        environment.put("GAUZY_SECRETS_KEY", DemoNodes.newSecretsKey());
        environment.put("GAUZY_ADMIN_EMAIL", ADMIN_EMAIL);
        environment.put("GAUZY_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("API_BASE_URL", proxy.baseUrl());
        environment.put("ACTIVEPIECES_BASE_URL", "http://127.0.0.1:9");
        environment.put("ACCESS_LOG_LEVEL", "WARN");
    }

    /** Starts {@code count} nodes at once and waits until each is ready; {@code arguments} go to every node. */
    public static Cluster start(int count, String... arguments) {
        Cluster cluster;
        try {
            cluster = new Cluster(List.of(arguments));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            var started = new ArrayList<Node>();
            for (int i = 0; i < count; i++) {
                started.add(cluster.launch(Map.of()));
            }
            for (Node node : started) {
                cluster.awaitReady(node);
                cluster.nodes.add(node);
            }
            cluster.proxy.setNodes(cluster.nodes.stream().map(Node::baseUrl).toList());
            return cluster;
        } catch (IOException | RuntimeException e) {
            // A node that did not come up fails the test with its output; the others and PostgreSQL must not outlive
            // it.
            try {
                cluster.close();
            } catch (IOException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Starts one more process with some settings changed, without adding it to the proxy; a test watches it. */
    public Node launch(Map<String, String> changed) throws IOException {
        int index = launched.size();
        int port = DemoNodes.freePort();
        Path data = Files.createDirectories(folder.resolve("node-" + index));
        Path output = folder.resolve("node-" + index + ".log");
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                // As the README runs a node: with the bean definitions prepared at build time.
                "-Dspring.aot.enabled=true",
                "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(arguments);
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("GAUZY_DATA_DIR", data.toString());
        builder.environment().putAll(changed);
        var node = new Node(index, port, builder.start(), output);
        launched.add(node);
        return node;
    }

    /** Waits until the node answers its readiness probe with UP; fails with its output if it exits or stalls. */
    public void awaitReady(Node node) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!node.process().isAlive()) {
                throw new IllegalStateException("Node " + node.index() + " exited with "
                        + node.process().exitValue() + ":\n" + tail(node.output()));
            }
            try {
                var answer = http.send(
                        HttpRequest.newBuilder(URI.create(node.baseUrl() + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException(
                "Node " + node.index() + " was not ready in " + START_TIMEOUT + ":\n" + tail(node.output()));
    }

    /** Waits for a process to exit, and answers its exit value. */
    public static int awaitExit(Node node, Duration timeout) {
        try {
            if (!node.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        "Node " + node.index() + " did not exit in " + timeout + ":\n" + tail(node.output()));
            }
            return node.process().exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public RoundRobinProxy proxy() {
        return proxy;
    }

    public JdbcClient database() {
        DataSource source = postgres.getDatabase("postgres", database);
        return JdbcClient.create(source);
    }

    /** Stops PostgreSQL, as an outage would; the nodes keep running. */
    public void stopDatabase() throws IOException {
        postgres.close();
    }

    /** Starts PostgreSQL again, on the same port and data, as after an outage. */
    public void startDatabase() throws IOException {
        postgres = postgres();
    }

    /** The one PostgreSQL, on a port and a data folder that survive a stop, so that it can come back. */
    private EmbeddedPostgres postgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(postgresPort)
                .setDataDirectory(folder.resolve("postgres"))
                .setCleanDataDirectory(false)
                .start();
    }

    public String setting(String name) {
        return environment.get(name);
    }

    @Override
    public void close() throws IOException {
        proxy.close();
        for (Node node : launched) {
            node.process().destroy();
        }
        for (Node node : launched) {
            try {
                if (!node.process().waitFor(20, TimeUnit.SECONDS)) {
                    node.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        postgres.close();
        // The nodes' outputs were read into the tests' messages while they ran; PostgreSQL's files take 50-100 MB.
        FileSystemUtils.deleteRecursively(folder);
    }

    static String tail(String output) {
        return output.length() > 4000 ? "…" + output.substring(output.length() - 4000) : output;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
