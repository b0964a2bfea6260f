package org.gauzy.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.util.Map;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.Metrics;
import org.gauzy.bridge.support.OnH2;
import org.gauzy.bridge.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Health, metrics, the OpenAPI document, request ids and security headers, as an operator sees them. */
@OnH2
class OperationsTests extends ApiTest {

    @Test
    void healthHasLivenessAndReadiness() {
        assertThat(api.get("/actuator/health").send().body().path("status").asString())
                .isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness").send().status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness").send().status()).isEqualTo(200);
    }

    @Test
    void prometheusMetricsAreServed() {
        assertThat(api.get("/actuator/health").send().status())
                .as("health stays open")
                .isEqualTo(200);
        assertThat(Metrics.scrape(api)).contains("http_server_requests_seconds");
        var anonymous = api.get("/actuator/prometheus").send();
        assertThat(anonymous.status()).as("not public").isEqualTo(401);
        assertThat(anonymous.message()).contains("GAUZY_METRICS_TOKEN");
        assertThat(api.get("/actuator/prometheus").token("a-guess").send().status())
                .isEqualTo(401);
    }

    @Test
    void logEventsAreServedWithoutATurboFilterOnEveryLevelCheck() {
        // The counting itself is LogEventMetricsTests': other contexts of this suite stop and reconfigure the
        // one Logback context that all of them share, which a single service never does after it starts.
        assertThat(Metrics.scrape(api)).contains("logback_events_total{level=\"warn\"}");
        assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getTurboFilterList())
                .as("no filter asked about every isDebugEnabled()")
                .isEmpty();
    }

    @Test
    void openApiDocumentListsTheApi() {
        var docs = api.get("/api/docs").send();
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/auth/login")).isTrue();
        assertThat(docs.body().path("paths").has("/api/user/me")).isTrue();
    }

    @Test
    void everyResponseCarriesARequestIdAndSecurityHeaders() {
        var response = api.post("/api/auth/login")
                .header("X-Request-Id", "trace-123")
                .json(Map.of("email", TestDatabases.ADMIN_EMAIL, "password", TestDatabases.ADMIN_PASSWORD))
                .send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Request-Id")).isEqualTo("trace-123");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(response.header("Cache-Control")).contains("no-store");

        var unsafeId = api.get("/actuator/health")
                .header("X-Request-Id", "bad id <script>")
                .send();
        assertThat(unsafeId.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void errorsNeverCarryAStackTrace() {
        var response = api.get("/api/user/me").token("not.a.jwt").send();
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("at org.");
    }
}
