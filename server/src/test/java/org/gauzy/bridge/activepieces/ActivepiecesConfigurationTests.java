package org.gauzy.bridge.activepieces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.integration.IntegrationTenants;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OnH2;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Behaviour that depends on how the service is configured to reach Activepieces. */
class ActivepiecesConfigurationTests {

    @Nested
    @OnH2
    @TestPropertySource(properties = "test.sandbox=" + TestSandbox.UNREACHABLE)
    class WhenActivepiecesIsUnreachable extends ApiTest {

        @Test
        void setupAnswers502NamingTheBaseUrl() {
            var owner = accounts.onboard("ap-down");
            var response = api.post("/api/integration/activepieces/setup")
                    .token(owner.token())
                    .json(Map.of(
                            "apiKey",
                            TestSandbox.GLOBAL_KEY,
                            "organizationId",
                            owner.organizationId().toString()))
                    .send();
            assertThat(response.status()).isEqualTo(502);
            assertThat(response.message()).contains("unreachable at http://127.0.0.1:9");
        }
    }

    @Nested
    @OnH2
    @TestPropertySource(properties = "gauzy.activepieces.allow-global-key=false")
    class WhenTheGlobalKeyIsDisabled extends ApiTest {

        @Autowired
        IntegrationTenants integrations;

        @Test
        void anInstallationWithoutAKeyIsRefusedWithAClearMessage() {
            var owner = accounts.onboard("ap-nokey");
            UUID keyless = integrations.install(
                    owner.tenantId(), owner.organizationId(), IntegrationTenants.ACTIVEPIECES, List.of());
            var response = api.get("/api/integration/activepieces/projects/" + keyless)
                    .token(owner.token())
                    .send();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.message()).startsWith("Activepieces credentials not configured");
        }
    }
}
