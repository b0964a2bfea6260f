package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One step of a run, in one transaction: writes what the last batch came to (each delivery's state and the
 * subscription's health), renews the run's lease, and reads the subscription as it is now with its next due
 * deliveries. One transaction per batch however large the batch, so a busy subscription's cost per
 * delivery falls as its batches grow.
 */
@Component
class DeliveryRecorder {

    /** What the run sends next: {@code subscription} is null when the run ends (let go, or no longer held). */
    record Next(@Nullable Subscription subscription, List<DeliveryRepository.Due> due) {

        static final Next END = new Next(null, List.of());
    }

    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final WebhookSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final WebhookMetrics metrics;

    DeliveryRecorder(DeliveryRepository deliveries, SubscriptionRepository subscriptions, WebhookSettings settings,
            TransactionTemplate transactions, Clock clock, WebhookMetrics metrics) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Records {@code sent} (if any) for a subscription this node leased, then reads what is next. The run ends
     * if another node took the subscription (its lease ran out), or it was removed or disabled (then it is let
     * go). Throws if the database fails: nothing of the step is written.
     */
    Next recordAndReadNext(UUID subscription, BatchSender.@Nullable Sent sent) {
        var disabled = new boolean[1];
        Next next = transactions.execute(tx -> {
            if (sent != null && !sent.outcomes().isEmpty()) {
                deliveries.record(sent.outcomes());
                disabled[0] = disables(sent);
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (!subscriptions.renew(subscription, now.plus(settings.lease()))) {
                return Next.END;
            }
            var current = subscriptions.byId(subscription).filter(Subscription::active);
            if (current.isEmpty()) {
                subscriptions.release(subscription);
                return Next.END;
            }
            return new Next(current.get(), deliveries.due(subscription, now, settings.batch()));
        });
        if (sent != null) {
            metrics.recorded(sent.outcomes());
            if (disabled[0]) {
                metrics.disabled(sent.gone());
            }
        }
        return next == null ? Next.END : next;
    }

    /**
     * Records failing since when; disables on 410 Gone, or once every delivery has failed for
     * {@code disableAfter}. True when it disabled the subscription.
     */
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
            subscriptions.health(s.id(), since, false, "The target answered 410 Gone at " + now
                    + ": it no longer wants these events", now);
            return true;
        }
        if (!since.plus(settings.disableAfter()).isAfter(now)) {
            subscriptions.health(s.id(), since, false, "Every delivery failed since " + since + " (last: "
                    + last.error() + ")", now);
            return true;
        }
        if (s.failingSince() == null) {
            subscriptions.health(s.id(), since, true, null, now);
        }
        return false;
    }
}
