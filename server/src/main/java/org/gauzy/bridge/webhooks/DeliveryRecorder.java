package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what sending came to and lets the subscriptions go, for many runs in one transaction: runs
 * that finish while a recording is being written are written together by the next one (a group commit),
 * so the cost of a commit is shared however many subscriptions are sending.
 */
@Component
class DeliveryRecorder {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRecorder.class);

    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final WebhookSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** A batch sent, and whether it ends its run (its subscription is then let go). */
    record Batch(SubscriptionRun.Sent sent, boolean last) {
    }

    private final Queue<Batch> finished = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    DeliveryRecorder(DeliveryRepository deliveries, SubscriptionRepository subscriptions, WebhookSettings settings,
            TransactionTemplate transactions, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Records a batch a run sent, now or together with others that finish meanwhile; the subscription is
     * let go if it was the run's last, else its lease is renewed. {@code released} hears, after each
     * write, of the subscriptions it let go, whichever run's thread wrote them.
     */
    void record(SubscriptionRun.Sent sent, boolean last, Consumer<List<UUID>> released) {
        finished.add(new Batch(sent, last));
        while (!finished.isEmpty() && writing.tryLock()) {
            List<Batch> batches = new ArrayList<>();
            try {
                for (Batch next; (next = finished.poll()) != null;) {
                    batches.add(next);
                }
                if (!batches.isEmpty()) {
                    write(batches);
                }
            } catch (RuntimeException e) {
                // The leases run out and the deliveries, still pending, are sent again: at least once.
                log.warn("Recording webhook deliveries failed; they will be sent again: {}", e.toString());
                batches.clear();
            } finally {
                writing.unlock();
            }
            List<UUID> let = batches.stream().filter(Batch::last).map(b -> b.sent().subscription().id()).toList();
            if (!let.isEmpty()) {
                released.accept(let);
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
                (batch.last() ? ended : going).add(batch.sent().subscription().id());
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
