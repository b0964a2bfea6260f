package org.gauzy.bridge.activepieces;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.sandbox.Fault;
import org.gauzy.bridge.sandbox.Seed;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the service behaves when Activepieces misbehaves; each test injects its faults into a private sandbox. */
abstract class ActivepiecesFaultTests extends ApiTest {

    static final String SANDBOX = "faults";

    ActivepiecesSandbox ap = TestSandbox.named(SANDBOX);
    Seed platform;
    Account owner;
    UUID installation;

    @BeforeEach
    void tenant() {
        platform = ap.addPlatform(null, null);
        owner = accounts.onboard("ap-faults");
        var setup = api.post("/api/integration/activepieces/setup")
                .token(owner.token())
                .json(Map.of(
                        "apiKey",
                        platform.apiKey(),
                        "organizationId",
                        owner.organizationId().toString()))
                .send();
        assertThat(setup.status()).as(setup.text()).isEqualTo(201);
        installation = UUID.fromString(setup.body().path("integrationTenantId").asString());
        ap.clearRequests();
    }

    @AfterEach
    void clearFaults() {
        ap.clearFaults();
    }

    Api.Response listConnections() {
        return api.get("/api/integration/activepieces/connections/" + installation + "?projectId="
                        + platform.projectId())
                .token(owner.token())
                .send();
    }

    Api.Response createConnection() {
        return ConnectionRequests.create(api, owner.token(), owner.organizationId(), platform.projectId())
                .send();
    }

    long calls(String method, String path) {
        return ap.requests().stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .count();
    }

    @Test
    void aReadIsRetriedThrough5xxUntilItSucceeds() {
        ap.injectFault(Fault.status("/api/v1/app-connections", 503, 2).onMethod("GET"));
        var response = listConnections();
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(calls("GET", "/api/v1/app-connections")).isEqualTo(3);
    }

    @Test
    void aWriteIsNotRetriedAndTheFailureNamesWhatActivepiecesSaid() {
        ap.injectFault(Fault.status("/api/v1/app-connections", 503, 1).onMethod("POST"));
        var response = createConnection();
        assertThat(response.status()).isEqualTo(502);
        assertThat(response.message()).contains("Activepieces answered 503").contains("Injected fault");
        assertThat(calls("POST", "/api/v1/app-connections")).isEqualTo(1);
    }

    /**
     * A connection that breaks halfway through the body is a failed call, never an answer without a body: a read
     * is tried again, a write is reported and not repeated.
     */
    @Test
    void aBodyCutShortIsAFailedCallNotAnEmptyAnswer() {
        ap.injectFault(Fault.brokenBody("/api/v1/app-connections", 1).onMethod("GET"));
        var listed = listConnections();
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        assertThat(listed.body().path("data").isArray()).isTrue();
        assertThat(calls("GET", "/api/v1/app-connections")).isEqualTo(2);

        ap.injectFault(Fault.brokenBody("/api/v1/app-connections", 1).onMethod("POST"));
        var created = createConnection();
        assertThat(created.status()).as(created.text()).isIn(502, 503);
        assertThat(calls("POST", "/api/v1/app-connections")).isEqualTo(1);
    }

    @Test
    void rateLimitsAreWaitedOutWithinReasonAndPassedOnBeyondIt() {
        ap.injectFault(Fault.rateLimit("/api/v1/app-connections", Duration.ofSeconds(1), 1));
        assertThat(listConnections().status()).isEqualTo(200);
        assertThat(calls("GET", "/api/v1/app-connections")).isEqualTo(2);

        ap.injectFault(Fault.rateLimit("/api/v1/app-connections", Duration.ofSeconds(60), 1));
        var limited = listConnections();
        assertThat(limited.status()).isEqualTo(503);
        assertThat(limited.header("Retry-After")).isEqualTo("60");
        assertThat(limited.message()).contains("limiting");
    }

    @Test
    void aSlowActivepiecesIsA504() {
        ap.injectFault(Fault.latency("/api/v1/app-connections", Duration.ofMillis(2500)));
        var response = listConnections();
        assertThat(response.status()).isEqualTo(504);
        assertThat(response.message()).contains("did not answer within 1500 ms");
    }

    @Test
    void activepiecesRefusingTheKeyIsNeverPassedOnAs401() {
        ap.injectFault(Fault.status("/api/v1/app-connections", 401, 1));
        var response = listConnections();
        assertThat(response.status()).isEqualTo(502);
        assertThat(response.message()).startsWith("Activepieces refused the API key");
        assertThat(api.get("/api/user/me").token(owner.token()).send().status())
                .as("our session is fine")
                .isEqualTo(200);
    }
}
