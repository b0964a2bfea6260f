package org.gauzy.bridge.webhooks;

import org.gauzy.bridge.identity.PathRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Webhook subscriptions, as paths name them: each in its organization. */
@Configuration(proxyBeanMethods = false)
class WebhookRecords {

    @Bean
    PathRecord subscriptionRecord(JdbcClient jdbc) {
        return PathRecord.inTable(
                "subscription",
                "Webhook subscription",
                "id",
                jdbc,
                "select organization_id from webhook_subscription where tenant_id = :tenant and id = :id");
    }
}
