package org.gauzy.bridge.activepieces;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The REST base and the front end, whatever form the configured URLs take. */
class ActivepiecesSettingsTests {

    @Test
    void theRestBaseEndsInApiV1Once() {
        for (String configured : new String[] {
            "http://ap.example:8080",
            "http://ap.example:8080/",
            " http://ap.example:8080/// ",
            "http://ap.example:8080/api",
            "http://ap.example:8080/api/",
            "http://ap.example:8080/api/v1",
            "http://ap.example:8080/api/v1//"
        }) {
            assertThat(settings(configured, null).apiBase()).as(configured).isEqualTo("http://ap.example:8080/api/v1");
        }
        assertThat(settings("https://example.org/ap/", null).apiBase()).isEqualTo("https://example.org/ap/api/v1");
    }

    @Test
    void theFrontEndIsTheConfiguredOneElseTheApisHost() {
        assertThat(settings("http://ap.example:8080/api/v1/", null).frontend()).isEqualTo("http://ap.example:8080");
        assertThat(settings("http://ap.example:8080/api", " ").frontend()).isEqualTo("http://ap.example:8080");
        assertThat(settings("http://ap.example:8080", "https://flows.example.org//")
                        .frontend())
                .isEqualTo("https://flows.example.org");
    }

    private static ActivepiecesSettings settings(String baseUrl, @Nullable String frontendUrl) {
        return new ActivepiecesSettings(
                baseUrl,
                null,
                null,
                null,
                true,
                "@activepieces/piece-ever-gauzy",
                null,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                3,
                Duration.ofMillis(200),
                Duration.ofSeconds(10),
                5,
                Duration.ofSeconds(30),
                null,
                Duration.ofHours(1),
                frontendUrl);
    }
}
