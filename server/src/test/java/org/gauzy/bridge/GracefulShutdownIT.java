package org.gauzy.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gauzy.bridge.support.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on the embedded default, started with the README's first command (class data sharing, the bean
 * definitions prepared at build time) and stopped as an operator stops it (SIGTERM): its last webhook turn still
 * reaches the database. H2's own shutdown hook used to close the database first, and the turn's batches were
 * then sent again once their leases ran out.
 */
class GracefulShutdownIT {

    @TempDir
    Path folder;

    @Test
    void theLastWebhookTurnReachesTheDatabase() throws Exception {
        Path log = folder.resolve("node.log");
        var process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "@" + Path.of("target", "app", "gauzy-bridge.options"),
                        "-jar",
                        Path.of("target", "app", "gauzy-bridge.jar").toString(),
                        "--server.port=0",
                        "--gauzy.data-dir=" + folder.resolve("data"),
                        "--gauzy.identity.admin.password=Shutdown-Test-7"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            Eventually.await(
                    () -> read(log).contains("Started BridgeApplication") ? true : null,
                    "the node to start",
                    Duration.ofSeconds(120));
        } finally {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("the node stops")
                    .isTrue();
        }
        String output = read(log);
        assertThat(output).contains("Starting AOT-processed BridgeApplication");
        assertThat(output).contains("HikariPool-1 - Shutdown completed");
        assertThat(output).doesNotContain("Could not record the last webhook batches");
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
