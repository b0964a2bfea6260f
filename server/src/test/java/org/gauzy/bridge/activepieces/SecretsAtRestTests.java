package org.gauzy.bridge.activepieces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.support.AccessLog;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OnH2;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * On the embedded default's H2 file, neither the Activepieces key nor the access token put into a
 * connection can be read in the database file, and neither reaches the logs.
 */
@OnH2
@TestPropertySource(properties = "test.database.file=true")
@ExtendWith(OutputCaptureExtension.class)
class SecretsAtRestTests extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Value("${gauzy.data-dir}")
    String dataDir;

    @Test
    void secretsAreNeitherInTheDatabaseFileNorInTheLogs(CapturedOutput output) throws Exception {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel("org.gauzy.bridge", LogLevel.DEBUG);
        // The client's line per call is on the access log.
        try (AccessLog ignored = AccessLog.on()) {
            ActivepiecesSandbox ap = TestSandbox.shared();
            var platform = ap.addPlatform(null, null);
            var owner = accounts.onboard("secrets");
            String accessToken = "gauzy-access-token-that-must-stay-secret-0123456789";
            assertThat(api.post("/api/integration/activepieces/setup")
                            .token(owner.token())
                            .json(Map.of(
                                    "apiKey",
                                    platform.apiKey(),
                                    "organizationId",
                                    owner.organizationId().toString()))
                            .send()
                            .status())
                    .isEqualTo(201);
            assertThat(api.post("/api/integration/activepieces/connection")
                            .token(owner.token())
                            .json(Map.of(
                                    "accessToken",
                                    accessToken,
                                    "projectId",
                                    platform.projectId(),
                                    "organizationId",
                                    owner.organizationId().toString()))
                            .send()
                            .status())
                    .isEqualTo(201);

            jdbc.sql("checkpoint sync").update();
            byte[] file = Files.readAllBytes(Path.of(dataDir, "gauzy.mv.db"));
            String contents = new String(file, StandardCharsets.ISO_8859_1);
            assertThat(contents).as("the file holds readable data").contains(owner.email());
            assertThat(contents)
                    .doesNotContain(platform.apiKey())
                    .doesNotContain(accessToken)
                    .doesNotContain(platform.apiKey().substring(3, 30));
            assertThat(output.getAll())
                    .contains("Activepieces POST /app-connections 201")
                    .doesNotContain(platform.apiKey())
                    .doesNotContain(accessToken);
        } finally {
            LoggingSystem.get(getClass().getClassLoader()).setLogLevel("org.gauzy.bridge", null);
        }
    }
}
