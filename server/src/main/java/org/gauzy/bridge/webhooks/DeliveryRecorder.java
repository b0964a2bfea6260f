package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Writes what sent batches came to, inside the caller's transaction: each delivery's new state, and each
 * subscription's health (failing since when; disabled on 410 Gone, or once every delivery has failed for
 * {@code disableAfter}). The metrics hear of it once the caller has committed.
 */
@Component
class DeliveryRecorder {

    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final WebhookSettings settings;
    private final Clock clock;
    private final WebhookMetrics metrics;

    DeliveryRecorder(
            DeliveryRepository deliveries,
            SubscriptionRepository subscriptions,
            WebhookSettings settings,
            Clock clock,
            WebhookMetrics metrics) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Writes the batches' outcomes and their subscriptions' health; answers the batches that disabled theirs. */
    List<BatchSender.Sent> record(List<BatchSender.Sent> batches) {
        List<DeliveryRepository.Outcome> outcomes = new ArrayList<>();
        batches.forEach(b -> outcomes.addAll(b.outcomes()));
        if (!outcomes.isEmpty()) {
            deliveries.record(outcomes);
        }
        List<BatchSender.Sent> disabled = new ArrayList<>();
        for (var batch : batches) {
            if (!batch.outcomes().isEmpty() && disables(batch)) {
                disabled.add(batch);
            }
        }
        return disabled;
    }

    /** Once the write has committed: the metrics count the attempts and the subscriptions disabled. */
    void committed(List<BatchSender.Sent> batches, List<BatchSender.Sent> disabled) {
        batches.forEach(b -> metrics.recorded(b.outcomes()));
        disabled.forEach(b -> metrics.disabled(b.gone()));
    }

    /** Records failing since when, or disables; true when it disabled the subscription. */
    private boolean disables(BatchSender.Sent sent) {
        Subscription s = sent.subscription();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (sent.anyDelivered() && !sent.gone()) {
            if (s.failingSince() != null) {
                subscriptions.health(s.id(), null, true, null, now);
            }
            return false;
        }
        var last = sent.outcomes().get(sent.outcomes().size() - 1);
        OffsetDateTime since = s.failingSince() != null ? s.failingSince() : now;
        if (sent.gone()) {
            subscriptions.health(
                    s.id(),
                    since,
                    false,
                    "The target answered 410 Gone at " + now + ": it no longer wants these events",
                    now);
            return true;
        }
        if (!since.plus(settings.disableAfter()).isAfter(now)) {
            subscriptions.health(
                    s.id(),
                    since,
                    false,
                    "Every delivery failed since " + since + " (last: " + last.error() + ")",
                    now);
            return true;
        }
        if (s.failingSince() == null) {
            subscriptions.health(s.id(), since, true, null, now);
        }
        return false;
    }
}
