package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what sending came to and lets the subscriptions go, for many batches in one transaction: one
 * writer thread takes every batch that finished while it wrote the previous ones (a group commit), so
 * the cost of a commit is shared however many subscriptions are sending, and no sender waits for it.
 *
 * <p>Deliveries the fan-out handed straight to senders are written here, once: sent, or, if their run
 * ended before sending them, pending. It counts them per event, and marks an event dispatched in the
 * transaction that writes its last one; until then the event stays claimed by this node.
 */
@Component
class DeliveryRecorder {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRecorder.class);

    /** What follows a batch's write for its subscription. */
    enum Then {
        /** Its run goes on. */
        CONTINUE,
        /** Its run goes on, and its lease is renewed. */
        RENEW,
        /** Its run has ended: it is let go. */
        RELEASE,
        /** Its run has ended and may have left deliveries due: it is let go, and looked at again. */
        RELEASE_AND_LOOK_AGAIN,
        /** Deliveries no run could take were written: it is looked at again. */
        LOOK_AGAIN
    }

    /** A batch sent, the deliveries of its run left unsent and not yet written, and what follows. */
    record Batch(SubscriptionRun.Sent sent, List<DeliveryRepository.Fanned> unsent, Then then) {

        boolean releases() {
            return then == Then.RELEASE || then == Then.RELEASE_AND_LOOK_AGAIN;
        }

        boolean looksAgain() {
            return then == Then.RELEASE_AND_LOOK_AGAIN || then == Then.LOOK_AGAIN;
        }
    }

    /** Heard after each write: the subscriptions let go, and those to look at again for deliveries due. */
    interface AfterWrite {
        void written(List<UUID> released, List<UUID> lookAgain);
    }

    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final WebhookSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final WebhookMetrics metrics;
    private final BlockingQueue<Batch> finished = new LinkedBlockingQueue<>();
    /** Per event, how many of its deliveries the fan-out handed to senders and are not written yet. */
    private final Counts unwritten = new Counts();
    /** Per subscription, how many of its batches wait to be written or are being written. */
    private final Counts writing = new Counts();
    private volatile boolean stopping;
    private @Nullable Thread writer;

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
     * Starts writing; {@code afterWrite} hears, after each write, of the subscriptions whose runs ended (let
     * go, or if the write failed, left to their leases running out) and those to look at again.
     */
    synchronized void start(AfterWrite afterWrite) {
        stopping = false;
        var thread = new Thread(() -> writeUntilStopped(afterWrite), "webhook-recorder");
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

    /** The fan-out handed these deliveries, per event, to senders without writing them. */
    void handedOut(Map<UUID, Integer> perEvent) {
        perEvent.forEach(unwritten::add);
    }

    /** Records a batch a run sent, with the deliveries left unsent, and what follows. */
    void record(SubscriptionRun.Sent sent, List<DeliveryRepository.Fanned> unsent, Then then) {
        writing.add(sent.subscription().id(), 1);
        finished.add(new Batch(sent, unsent, then));
    }

    /**
     * Whether a batch of this subscription waits to be written or is being written: the write may lock
     * the subscription (a delivery's insert does, on PostgreSQL), even after its run let it go.
     */
    boolean writes(UUID subscription) {
        return writing.contains(subscription);
    }

    /** Writes deliveries left unsent (a run ended without sending more), then {@code then}. */
    void unsent(Subscription subscription, List<DeliveryRepository.Fanned> unsent, Then then) {
        record(new SubscriptionRun.Sent(subscription, List.of(), false), unsent, then);
    }

    private void writeUntilStopped(AfterWrite afterWrite) {
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
                // The leases and the events' claims run out; the deliveries, still pending or not written,
                // are sent again: at least once.
                log.warn("Recording webhook deliveries failed; they will be sent again: {}", e.toString());
                perEvent(batches).keySet().forEach(unwritten::remove);
            }
            batches.forEach(b -> writing.subtract(b.sent().subscription().id(), 1));
            List<UUID> released = batches.stream().filter(Batch::releases).map(b -> b.sent().subscription().id())
                    .toList();
            List<UUID> lookAgain = batches.stream().filter(Batch::looksAgain).map(b -> b.sent().subscription().id())
                    .toList();
            if (!released.isEmpty() || !lookAgain.isEmpty()) {
                afterWrite.written(released, lookAgain);
            }
        }
    }

    /** How many deliveries of each event the batches write that the fan-out did not. */
    private static Map<UUID, Integer> perEvent(List<Batch> batches) {
        Map<UUID, Integer> counts = new HashMap<>();
        for (var batch : batches) {
            for (var outcome : batch.sent().outcomes()) {
                var fanned = outcome.delivery().unwritten();
                if (fanned != null) {
                    counts.merge(fanned.event().id(), 1, Integer::sum);
                }
            }
            batch.unsent().forEach(fanned -> counts.merge(fanned.event().id(), 1, Integer::sum));
        }
        return counts;
    }

    /**
     * Writes batches in one transaction: their outcomes and unsent deliveries, the events now written in
     * full, their subscriptions' health, and their leases.
     */
    void write(List<Batch> batches) {
        Map<UUID, Integer> perEvent = perEvent(batches);
        List<DeliveryRepository.Outcome> outcomes = new ArrayList<>();
        List<DeliveryRepository.Fanned> unsent = new ArrayList<>();
        batches.forEach(b -> {
            outcomes.addAll(b.sent().outcomes());
            unsent.addAll(b.unsent());
        });
        List<SubscriptionRun.Sent> disabled = new ArrayList<>();
        transactions.executeWithoutResult(tx -> {
            if (!outcomes.isEmpty()) {
                deliveries.record(outcomes);
            }
            if (!unsent.isEmpty()) {
                deliveries.insertPending(unsent);
            }
            // An event this node no longer counts (a write of it failed) is left to be claimed again.
            List<UUID> complete = perEvent.entrySet().stream().filter(e -> {
                Integer left = unwritten.get(e.getKey());
                return left != null && left <= e.getValue();
            }).map(Map.Entry::getKey).toList();
            if (!complete.isEmpty()) {
                deliveries.markDispatched(complete);
            }
            for (var batch : batches) {
                if (!batch.sent().outcomes().isEmpty() && disables(batch.sent())) {
                    disabled.add(batch.sent());
                }
            }
            Set<UUID> ended = new HashSet<>();
            Set<UUID> going = new HashSet<>();
            for (var batch : batches) {
                if (batch.releases()) {
                    ended.add(batch.sent().subscription().id());
                } else if (batch.then() == Then.RENEW) {
                    going.add(batch.sent().subscription().id());
                }
            }
            // A run whose last batch is in this write too has ended: let it go, do not renew it.
            going.removeAll(ended);
            subscriptions.release(ended);
            subscriptions.renew(going, OffsetDateTime.now(clock).plus(settings.lease()));
        });
        perEvent.forEach(unwritten::subtract);
        metrics.recorded(outcomes);
        disabled.forEach(sent -> metrics.disabled(sent.gone()));
    }

    /**
     * Records failing since when; disables on 410 Gone, or once every delivery has failed for
     * {@code disableAfter}. True when it disabled the subscription.
     */
    private boolean disables(SubscriptionRun.Sent run) {
        Subscription s = run.subscription();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (run.anyDelivered() && !run.gone()) {
            if (s.failingSince() != null) {
                subscriptions.health(s.id(), null, true, null, now);
            }
            return false;
        }
        var last = run.outcomes().get(run.outcomes().size() - 1);
        OffsetDateTime since = s.failingSince() != null ? s.failingSince() : now;
        if (run.gone()) {
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
