package org.gauzy.bridge.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarFile;
import org.h2.tools.Server;

/**
 * The demo's several nodes ({@code --demo --nodes=3}): one database served over H2's TCP server from the demo's
 * data folder, shared signing and secrets keys, this process as the first node and the others as processes of the
 * same jar, each with its own port and data folder, all behind a {@link RoundRobinProxy} at the address the user
 * opens. What an operator runs on PostgreSQL behind their own balancer, on one machine with nothing to install.
 */
public final class DemoNodes implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Server database;
    private final RoundRobinProxy proxy;
    private final String signingKey = newSigningKey();
    private final String secretsKey = newSecretsKey();
    private final List<Process> others = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();

    DemoNodes(Path data, int proxyPort) {
        try {
            this.database = Server.createTcpServer(
                            "-tcpPort", Integer.toString(freePort()), "-baseDir", data.toString(), "-ifNotExists")
                    .start();
            this.proxy = new RoundRobinProxy(proxyPort);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot start the demo's shared database or its proxy", e);
        }
    }

    /** The address users open: the proxy's. */
    String publicUrl() {
        return "http://localhost:" + proxy.port();
    }

    /** What every node is given on top of the demo's settings: the shared database and public address. */
    List<String> sharedArguments() {
        return List.of(
                "--spring.datasource.url=jdbc:h2:tcp://localhost:" + database.getPort()
                        + "/gauzy;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--spring.datasource.username=sa",
                "--spring.datasource.password=",
                "--gauzy.identity.issuer=" + publicUrl());
    }

    /**
     * The shared keys, for this process's node. The other nodes get them in their environment, not on their
     * command line, which any user of the machine can list.
     */
    List<String> keyArguments() {
        return List.of("--gauzy.identity.signing-key=" + signingKey, "--gauzy.secrets-key=" + secretsKey);
    }

    /** Adds this process's node, once it listens. */
    void addThisNode(int port) {
        urls.add("http://localhost:" + port);
        proxy.setNodes(urls);
    }

    /** Starts {@code count} more nodes as processes of this jar, waits until each is ready, and adds them. */
    void startOthers(int count, List<String> arguments, Path data) {
        var started = new ArrayList<String>();
        try {
            for (int i = 1; i <= count; i++) {
                int port = freePort();
                var command = new ArrayList<>(launcher());
                command.addAll(arguments);
                command.addAll(List.of("--server.port=" + port, "--gauzy.data-dir=" + data.resolve("node-" + i)));
                Files.createDirectories(data.resolve("node-" + i));
                var process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(data.resolve("node-" + i + ".log").toFile());
                process.environment().put("JWT_SIGNING_KEY", signingKey);
                process.environment().put("GAUZY_SECRETS_KEY", secretsKey);
                others.add(process.start());
                started.add("http://localhost:" + port);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the demo's other nodes", e);
        }
        for (String url : started) {
            awaitReady(url);
        }
        urls.addAll(started);
        proxy.setNodes(urls);
    }

    int nodes() {
        return urls.size();
    }

    @Override
    public void close() {
        others.forEach(Process::destroy);
        proxy.close();
        database.stop();
    }

    /** How to start this application again: the jar it runs from (Spring Boot's launcher), or its class path. */
    private static List<String> launcher() throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            try (var jar = new JarFile(classPath)) {
                if (jar.getEntry("BOOT-INF/") != null) {
                    return List.of(javaBin, "-jar", classPath);
                }
            }
        }
        return List.of(javaBin, "-cp", classPath, "org.gauzy.bridge.BridgeApplication");
    }

    private void awaitReady(String url) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (others.stream().anyMatch(process -> !process.isAlive())) {
                throw new IllegalStateException("A demo node exited while starting; see its log in the data folder");
            }
            try {
                var answer = http.send(
                        HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("A demo node was not ready in " + START_TIMEOUT);
    }

    /** A fresh EC P-256 signing key as a JWK, the form {@code JWT_SIGNING_KEY} takes. */
    public static String newSigningKey() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .generate()
                    .toJSONString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh secrets key, the form {@code GAUZY_SECRETS_KEY} takes: base64 of 32 random bytes. */
    public static String newSecretsKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A port nothing listens on now. */
    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
