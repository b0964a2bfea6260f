package org.gauzy.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.gauzy.bridge.support.BuiltLauncher;
import org.gauzy.bridge.support.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on the embedded default, started with the README's first command (the build's launcher: its start-up
 * cache, the bean definitions prepared at build time) and stopped as an operator stops it (SIGTERM): its last
 * webhook turn still reaches the database. H2's own shutdown hook used to close the database first, and the
 * turn's batches were then sent again once their leases ran out.
 */
class GracefulShutdownIT {

    @TempDir
    Path folder;

    @Test
    void theLastWebhookTurnReachesTheDatabase() throws Exception {
        Path log = BuiltLauncher.log(folder);
        Process process =
                BuiltLauncher.start(folder, "", "--server.port=0", "--gauzy.identity.admin.password=Shutdown-Test-7");
        try {
            Eventually.await(
                    () -> BuiltLauncher.read(log).contains("Started BridgeApplication") ? true : null,
                    "the node to start",
                    Duration.ofSeconds(120));
        } finally {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("the node stops")
                    .isTrue();
        }
        String output = BuiltLauncher.read(log);
        assertThat(output).contains("Starting AOT-processed BridgeApplication");
        assertThat(output).contains("HikariPool-1 - Shutdown completed");
        assertThat(output).doesNotContain("Could not record the last webhook batches");
    }
}
