package org.gauzy.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.gauzy.bridge.support.BuiltLauncher;
import org.gauzy.bridge.support.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command after the build: the launcher starts a node on the start-up cache the build trained
 * for the launcher's Java, and the node answers ready. A cache that Java cannot use (trained by another Java, for
 * another class path) only slows a plain start down, silently; here the JVM is told to refuse it instead.
 */
class LauncherIT {

    @TempDir
    Path folder;

    @Test
    void theLauncherStartsANodeOnTheStartUpCacheTheBuildTrained() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process node = BuiltLauncher.start(
                folder,
                BuiltLauncher.cacheRequired(),
                "--server.port=" + port,
                "--gauzy.identity.admin.password=Launcher-Test-7");
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            String answer = Eventually.await(
                    () -> {
                        assertThat(node.isAlive())
                                .as("the node runs: %s", BuiltLauncher.read(BuiltLauncher.log(folder)))
                                .isTrue();
                        try {
                            var response = http.send(readiness, HttpResponse.BodyHandlers.ofString());
                            return response.statusCode() == 200 ? response.body() : null;
                        } catch (IOException notListeningYet) {
                            return null;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    },
                    "the node to answer ready",
                    Duration.ofSeconds(120));
            assertThat(answer).contains("\"UP\"");
        } finally {
            node.destroy();
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the node stops").isTrue();
        }
        assertThat(BuiltLauncher.read(BuiltLauncher.log(folder)))
                .contains("Starting AOT-processed BridgeApplication")
                .doesNotContain("ERROR");
    }
}
