package org.gauzy.bridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.gauzy.bridge.support.ApiTest;
import org.junit.jupiter.api.Test;

/** With private targets not allowed (the default), subscribing to an internal address is a clear 400. */
abstract class WebhookTargetRefusalTests extends ApiTest {

    @Test
    void internalTargetsAreRefusedWhenSubscribing() {
        var owner = accounts.onboard("ssrf");
        for (String target : List.of(
                "http://127.0.0.1:8080/hook",
                "http://10.0.0.5/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://localhost:9000/hook")) {
            var refused = api.post(WebhookTests.WEBHOOKS)
                    .token(owner.token())
                    .json(Map.of("name", "x", "targetUrl", target, "events", List.of("task.created")))
                    .send();
            assertThat(refused.status()).as(target).isEqualTo(400);
            assertThat(refused.message()).as(target).contains("targetUrl resolves to");
        }
        assertThat(api.get(WebhookTests.WEBHOOKS)
                        .token(owner.token())
                        .send()
                        .body()
                        .path("total")
                        .asInt())
                .isZero();
    }
}
