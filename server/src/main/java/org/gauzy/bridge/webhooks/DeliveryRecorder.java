package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what sending came to and lets the subscriptions go, for many batches in one transaction: one
 * writer thread takes every batch that finished while it wrote the previous ones (a group commit), so
 * the cost of a commit is shared however many subscriptions are sending, and no sender waits for it.
 */
@Component
class DeliveryRecorder {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRecorder.class);

    /**
     * A batch sent, and whether it ends its run (its subscription is then let go) or, if not, renews the
     * run's lease.
     */
    record Batch(SubscriptionRun.Sent sent, boolean last, boolean renew) {
    }

    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final WebhookSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final BlockingQueue<Batch> finished = new LinkedBlockingQueue<>();
    private volatile boolean stopping;
    private @Nullable Thread writer;

    DeliveryRecorder(DeliveryRepository deliveries, SubscriptionRepository subscriptions, WebhookSettings settings,
            TransactionTemplate transactions, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Starts writing; {@code released} hears, after each write, of the subscriptions whose runs ended: let
     * go, or if the write failed, left to their leases running out.
     */
    synchronized void start(Consumer<List<UUID>> released) {
        stopping = false;
        var thread = new Thread(() -> writeUntilStopped(released), "webhook-recorder");
        thread.setDaemon(true);
        thread.start();
        writer = thread;
    }

    /** Writes what is left, then stops: call it once nothing sends any more. */
    synchronized void stop() {
        stopping = true;
        var thread = writer;
        if (thread != null) {
            try {
                thread.join(settings.requestTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writer = null;
    }

    /** Records a batch a run sent; the subscription is let go if it was the run's last, or its lease renewed. */
    void record(SubscriptionRun.Sent sent, boolean last, boolean renew) {
        finished.add(new Batch(sent, last, renew));
    }

    /** Lets a subscription go once what its run sent is written: the run ended without sending more. */
    void ended(Subscription subscription) {
        record(new SubscriptionRun.Sent(subscription, List.of(), false), true, false);
    }

    private void writeUntilStopped(Consumer<List<UUID>> released) {
        while (!stopping || !finished.isEmpty()) {
            List<Batch> batches = new ArrayList<>();
            try {
                Batch first = finished.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batches.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            finished.drainTo(batches);
            try {
                write(batches);
            } catch (RuntimeException e) {
                // The leases run out and the deliveries, still pending, are sent again: at least once.
                log.warn("Recording webhook deliveries failed; they will be sent again: {}", e.toString());
            }
            List<UUID> ended = batches.stream().filter(Batch::last).map(b -> b.sent().subscription().id()).toList();
            if (!ended.isEmpty()) {
                released.accept(ended);
            }
        }
    }

    /** Writes batches in one transaction: their outcomes, their subscriptions' health, and their leases. */
    void write(List<Batch> batches) {
        transactions.executeWithoutResult(tx -> {
            List<DeliveryRepository.Outcome> outcomes = new ArrayList<>();
            batches.forEach(b -> outcomes.addAll(b.sent().outcomes()));
            if (!outcomes.isEmpty()) {
                deliveries.record(outcomes);
            }
            for (var batch : batches) {
                if (!batch.sent().outcomes().isEmpty()) {
                    health(batch.sent());
                }
            }
            Set<UUID> ended = new HashSet<>();
            Set<UUID> going = new HashSet<>();
            for (var batch : batches) {
                if (batch.last()) {
                    ended.add(batch.sent().subscription().id());
                } else if (batch.renew()) {
                    going.add(batch.sent().subscription().id());
                }
            }
            // A run whose last batch is in this write too has ended: let it go, do not renew it.
            going.removeAll(ended);
            subscriptions.release(ended);
            subscriptions.renew(going, OffsetDateTime.now(clock).plus(settings.lease()));
        });
    }

    /** Failing since when; disabled on 410 Gone, or once every delivery has failed for {@code disableAfter}. */
    private void health(SubscriptionRun.Sent run) {
        Subscription s = run.subscription();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (run.anyDelivered() && !run.gone()) {
            if (s.failingSince() != null) {
                subscriptions.health(s.id(), null, true, null, now);
            }
            return;
        }
        var last = run.outcomes().get(run.outcomes().size() - 1);
        OffsetDateTime since = s.failingSince() != null ? s.failingSince() : now;
        if (run.gone()) {
            subscriptions.health(s.id(), since, false, "The target answered 410 Gone at " + now
                    + ": it no longer wants these events", now);
        } else if (!since.plus(settings.disableAfter()).isAfter(now)) {
            subscriptions.health(s.id(), since, false, "Every delivery failed since " + since + " (last: "
                    + last.error() + ")", now);
        } else if (s.failingSince() == null) {
            subscriptions.health(s.id(), since, true, null, now);
        }
    }
}
