package org.gauzy.bridge.activepieces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OnH2;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** On an Activepieces that has {@code GET /app-connections/:id} (0.86 on), the recorded connection is read by id. */
@OnH2
@TestPropertySource(properties = "test.sandbox=0.86")
class ConnectionByIdTests extends ApiTest {

    @Test
    void theRecordedConnectionIsReadById() {
        ActivepiecesSandbox ap = TestSandbox.named("0.86");
        var platform = ap.addPlatform(null, null);
        var owner = accounts.onboard("conn-by-id");
        var setup = api.post("/api/integration/activepieces/setup")
                .token(owner.token())
                .json(Map.of(
                        "apiKey",
                        platform.apiKey(),
                        "organizationId",
                        owner.organizationId().toString()))
                .send();
        String installation = setup.body().path("integrationTenantId").asString();
        String id = ConnectionRequests.create(api, owner.token(), owner.organizationId(), platform.projectId())
                .send()
                .body()
                .path("id")
                .asString();
        ap.clearRequests();

        var read = api.get("/api/integration/activepieces/connection/" + installation)
                .token(owner.token())
                .send();
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.body().path("id").asString()).isEqualTo(id);
        assertThat(ap.requests())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly("GET /api/v1/app-connections/" + id);
    }
}
