package org.gauzy.bridge.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What an operator watches of delivery (served at {@code /actuator/prometheus}): attempts by outcome, once
 * recorded; the time from a change to its delivery; how long targets take to answer; subscriptions
 * disabled; and what this node has in hand. No tenant or subscription tags: one per tenant would grow
 * without bound, and would tell whoever reads the metrics about every tenant.
 */
@Component
class WebhookMetrics {

    /** Buckets around the delivery target (250 ms at p99) and out to the retries' days. */
    private static final Duration[] LAG_BUCKETS = {
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        Duration.ofHours(1),
        Duration.ofDays(1)
    };

    private static final Duration[] ANSWER_BUCKETS = {
        Duration.ofMillis(10),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(3),
        Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    private final Counter delivered;
    private final Counter retrying;
    private final Counter dead;
    private final Timer lag;
    private final Timer answer;
    private final Counter disabledGone;
    private final Counter disabledFailing;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.delivered = attempts(registry, "delivered");
        this.retrying = attempts(registry, "retrying");
        this.dead = attempts(registry, "dead");
        this.lag = Timer.builder("gauzy.webhooks.delivery.lag")
                .description("From the change that caused an event to its delivery's 2xx, retries included")
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
        this.answer = Timer.builder("gauzy.webhooks.attempt.duration")
                .description("How long a target took to answer an attempt, or to fail it")
                .serviceLevelObjectives(ANSWER_BUCKETS)
                .register(registry);
        this.disabledGone = disabled(registry, "gone");
        this.disabledFailing = disabled(registry, "failing");
    }

    private static Counter attempts(MeterRegistry registry, String outcome) {
        return Counter.builder("gauzy.webhooks.attempts")
                .tag("outcome", outcome)
                .description("Delivery attempts recorded: delivered, failed and retrying, or failed for the last time"
                        + " (dead-lettered)")
                .register(registry);
    }

    private static Counter disabled(MeterRegistry registry, String reason) {
        return Counter.builder("gauzy.webhooks.subscriptions.disabled")
                .tag("reason", reason)
                .description("Subscriptions disabled by delivery: the target answered 410 Gone, or every delivery"
                        + " failed for too long")
                .register(registry);
    }

    /** Attempts whose outcomes were written. */
    void recorded(List<DeliveryRepository.Outcome> outcomes) {
        for (var outcome : outcomes) {
            answer.record(Duration.ofMillis(outcome.latencyMs()));
            switch (outcome.status()) {
                case DeliveryRepository.DELIVERED -> {
                    delivered.increment();
                    if (outcome.deliveredAt() != null) {
                        lag.record(Duration.between(outcome.delivery().occurredAt(), outcome.deliveredAt()));
                    }
                }
                case DeliveryRepository.DEAD -> dead.increment();
                default -> retrying.increment();
            }
        }
    }

    /** A subscription was disabled: its target answered 410 Gone, or every delivery failed for too long. */
    void disabled(boolean gone) {
        (gone ? disabledGone : disabledFailing).increment();
    }

    /** Shows a figure of this node's, read whenever metrics are read. */
    void watch(String name, String description, Supplier<Number> figure) {
        Gauge.builder(name, figure).description(description).register(registry);
    }
}
