package org.gauzy.bridge.activepieces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.sandbox.Fault;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OnH2;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A failing Activepieces opens the circuit: calls then fail fast without reaching it. Its own context. */
@OnH2
@TestPropertySource(properties = {"test.sandbox=circuit", "gauzy.activepieces.circuit-failure-threshold=3",
    "gauzy.activepieces.circuit-open-for=60s"})
class CircuitBreakerTests extends ApiTest {

    ActivepiecesSandbox ap = TestSandbox.named("circuit");

    @Test
    void afterRepeatedFailuresCallsFailFastWithoutReachingActivepieces() {
        var platform = ap.addPlatform(null, null);
        var owner = accounts.onboard("ap-circuit");
        var setup = api.post("/api/integration/activepieces/setup").token(owner.token())
                .json(Map.of("apiKey", platform.apiKey(), "organizationId", owner.organizationId().toString())).send();
        UUID installation = UUID.fromString(setup.body().path("integrationTenantId").asString());
        ap.injectFault(Fault.status("/api/v1/projects", 503, 100));

        var failing = api.get("/api/integration/activepieces/projects/" + installation).token(owner.token()).send();
        assertThat(failing.status()).isEqualTo(502);
        long reached = ap.requests().stream().filter(r -> r.path().equals("/api/v1/projects")).count();

        var fast = api.get("/api/integration/activepieces/projects/" + installation).token(owner.token()).send();
        assertThat(fast.status()).isEqualTo(503);
        assertThat(fast.message()).contains("is failing; not calling it");
        assertThat(Long.parseLong(fast.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(ap.requests().stream().filter(r -> r.path().equals("/api/v1/projects")).count()).isEqualTo(reached);
        ap.clearFaults();
    }
}
