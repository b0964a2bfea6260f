package org.gauzy.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line and environment give known credentials, so a script can start the sandbox. */
class OptionsTests {

    static final String KEY = "sk-" + "a".repeat(61);

    @Test
    void argumentsWinOverEnvironmentAndDefaultsFillTheRest() {
        var options = SandboxOptions.parse(
                new String[] {"--port=9001", "--api-key=" + KEY},
                Map.of(
                        "AP_SANDBOX_PORT",
                        "7000",
                        "AP_SANDBOX_PROJECT_ID",
                        "Pq8mZr2Lk9Ws4Tn7Yb1Xc",
                        "AP_SANDBOX_USER_EMAIL",
                        "me@ap.test",
                        "AP_SANDBOX_USER_PASSWORD",
                        "pw-123"));
        assertThat(options.port()).isEqualTo(9001);
        assertThat(options.apiKey()).isEqualTo(KEY);
        assertThat(options.projectId()).isEqualTo("Pq8mZr2Lk9Ws4Tn7Yb1Xc");
        assertThat(options.userEmail()).isEqualTo("me@ap.test");
        assertThat(options.apVersion()).isEqualTo("0.85");
        assertThat(SandboxOptions.parse(new String[0], Map.of()).port()).isEqualTo(8090);
    }

    @Test
    void knownCredentialsAreTheSeed() {
        try (var ap = ActivepiecesSandbox.Builder.from(SandboxOptions.parse(
                        new String[] {
                            "--port=0",
                            "--api-key=" + KEY,
                            "--project-id=Pq8mZr2Lk9Ws4Tn7Yb1Xc",
                            "--user-email=me@ap.test",
                            "--user-password=pw-123"
                        },
                        Map.of()))
                .start()) {
            assertThat(ap.seed().apiKey()).isEqualTo(KEY);
            assertThat(ap.seed().projectId()).isEqualTo("Pq8mZr2Lk9Ws4Tn7Yb1Xc");
            var client = new Client(ap.baseUrl());
            assertThat(client.get("/api/v1/projects/Pq8mZr2Lk9Ws4Tn7Yb1Xc", KEY).status())
                    .isEqualTo(200);
            assertThat(client.post(
                                    "/api/v1/authentication/sign-in",
                                    null,
                                    Map.of("email", "me@ap.test", "password", "pw-123"))
                            .status())
                    .isEqualTo(200);
            ap.reset();
            assertThat(ap.seed().apiKey())
                    .as("reset keeps the chosen credentials")
                    .isEqualTo(KEY);
        }
    }

    @Test
    void badOptionsSayWhatToFix() {
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--api-key=abc"}, Map.of()))
                .hasMessageContaining("sk-");
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--colour=red"}, Map.of()))
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--port=abc"}, Map.of()))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> SandboxOptions.parse(new String[] {"--project-id=short"}, Map.of()))
                .hasMessageContaining("21");
    }
}
