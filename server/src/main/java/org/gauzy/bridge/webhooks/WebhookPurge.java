package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets settled deliveries (and their events) after the retention period; pending ones stay. */
@Component
class WebhookPurge {

    private static final Logger log = LoggerFactory.getLogger(WebhookPurge.class);

    private final DeliveryRepository deliveries;
    private final WebhookSettings settings;
    private final Clock clock;

    WebhookPurge(DeliveryRepository deliveries, WebhookSettings settings, Clock clock) {
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT15M", fixedDelayString = "PT1H")
    void purge() {
        int removed = deliveries.purge(OffsetDateTime.now(clock).minus(settings.retention()));
        if (removed > 0) {
            log.info("Purged {} settled webhook deliveries and events", removed);
        }
    }
}
