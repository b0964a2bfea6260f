package org.gauzy.bridge.activepieces;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.sandbox.Fault;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.MovableClock;
import org.gauzy.bridge.support.OnH2;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A failing Activepieces opens the circuit: calls then fail fast without reaching it; once it has been open long
 * enough one trial call goes through, and its outcome reopens or closes the circuit. Its own context, with the
 * service's clock moved rather than waited for.
 */
@OnH2
@TestPropertySource(
        properties = {
            "test.sandbox=circuit",
            "gauzy.activepieces.circuit-failure-threshold=3",
            "gauzy.activepieces.circuit-open-for=60s"
        })
@Import(MovableClock.Config.class)
class CircuitBreakerTests extends ApiTest {

    ActivepiecesSandbox ap = TestSandbox.named("circuit");

    @Autowired
    MovableClock clock;

    @AfterEach
    void reset() {
        ap.clearFaults();
        clock.reset();
    }

    @Test
    void anOpenCircuitLetsOneTrialThroughAndClosesWhenActivepiecesRecovers() {
        var platform = ap.addPlatform(null, null);
        var owner = accounts.onboard("ap-circuit-recovers");
        var setup = api.post("/api/integration/activepieces/setup")
                .token(owner.token())
                .json(Map.of(
                        "apiKey",
                        platform.apiKey(),
                        "organizationId",
                        owner.organizationId().toString()))
                .send();
        String projects = "/api/integration/activepieces/projects/"
                + setup.body().path("integrationTenantId").asString();
        ap.injectFault(Fault.status("/api/v1/projects", 503, 1000));
        assertThat(api.get(projects).token(owner.token()).send().status()).isEqualTo(502);
        long reached = reached();
        var fast = api.get(projects).token(owner.token()).send();
        assertThat(fast.status()).as("open").isEqualTo(503);
        assertThat(fast.message()).contains("is failing; not calling it");
        assertThat(Long.parseLong(fast.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(reached()).as("an open circuit does not call").isEqualTo(reached);

        // Still failing when the circuit half-opens: one trial reaches Activepieces, fails, and reopens it (its
        // retry is then refused by the reopened circuit).
        clock.advance(Duration.ofSeconds(61));
        assertThat(api.get(projects).token(owner.token()).send().status()).isBetween(502, 503);
        assertThat(reached()).as("the one trial").isEqualTo(reached + 1);
        assertThat(api.get(projects).token(owner.token()).send().status())
                .as("reopened")
                .isEqualTo(503);
        assertThat(reached()).isEqualTo(reached + 1);

        // Recovered: the next trial succeeds and closes the circuit; calls flow again.
        ap.clearFaults();
        clock.advance(Duration.ofSeconds(61));
        assertThat(api.get(projects).token(owner.token()).send().status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(api.get(projects).token(owner.token()).send().status())
                    .as("closed")
                    .isEqualTo(200);
        }
    }

    private long reached() {
        return ap.requests().stream()
                .filter(r -> r.path().equals("/api/v1/projects"))
                .count();
    }
}
