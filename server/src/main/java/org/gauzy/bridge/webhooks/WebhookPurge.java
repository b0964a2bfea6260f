package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.gauzy.bridge.platform.ClusterJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Forgets settled deliveries (and their events) after the retention period; pending ones stay. */
@Component
class WebhookPurge implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(WebhookPurge.class);

    private final DeliveryRepository deliveries;
    private final WebhookSettings settings;
    private final Clock clock;
    private final Duration every;

    WebhookPurge(
            DeliveryRepository deliveries,
            WebhookSettings settings,
            Clock clock,
            @Value("${gauzy.purge-every:1h}") Duration every) {
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public String name() {
        return "webhook-purge";
    }

    @Override
    public Duration every() {
        return every;
    }

    @Override
    public void run() {
        int removed = deliveries.purge(OffsetDateTime.now(clock).minus(settings.retention()));
        if (removed > 0) {
            log.info("Purged {} settled webhook deliveries and events", removed);
        }
    }
}
