package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One turn of a node's dispatcher: all the database work of delivery, for every subscription at once, in one
 * transaction. It records the batches sent since the last turn, fans out new events, and decides what each
 * subscription does next: the node's senders go on with those that have more due, it leases new ones as far
 * as senders are free, and it lets go those with nothing due. It holds the cluster's fan-out lock from the
 * fan-out to the commit, so no node writes deliveries between its reads and its releases: a subscription is
 * never let go with a delivery just written for it, whichever node wrote it.
 */
@Component
class DeliveryTurn {

    /**
     * What a turn starts from: the batches sent since the last turn ({@code sent}), those of them whose
     * subscriptions give way to others ({@code givingWay}: let go, to be queued again), the subscriptions whose
     * batches are still sending, those of them sending for longer than a batch can ({@code overdue}: their
     * leases are not renewed, so that a stuck sender cannot keep a subscription from every node), those
     * waiting for a lease in order, whether this is a poll (which also looks for work no node holds), and how
     * many subscriptions the node's senders may take on.
     */
    record Start(
            List<BatchSender.Sent> sent,
            Set<UUID> givingWay,
            Set<UUID> sending,
            Set<UUID> overdue,
            List<UUID> waiting,
            boolean poll,
            int senders) {}

    /**
     * What a turn came to: each subscription's next batch to send, the subscriptions still waiting for a free
     * sender, the batches whose outcomes disabled their subscription, and whether more events wait.
     */
    record Outcome(Map<UUID, Batch> next, List<UUID> waiting, List<BatchSender.Sent> disabled, boolean moreEvents) {}

    /** A subscription as it is now, and its next due deliveries, in order. */
    record Batch(Subscription subscription, List<DeliveryRepository.Due> due) {}

    private static final int CANDIDATES_PER_TURN = 1_000;

    private final DeliveryRecorder recorder;
    private final FanOut fanOut;
    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final WebhookSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DeliveryTurn(
            DeliveryRecorder recorder,
            FanOut fanOut,
            SubscriptionRepository subscriptions,
            DeliveryRepository deliveries,
            WebhookSettings settings,
            TransactionTemplate transactions,
            Clock clock) {
        this.recorder = recorder;
        this.fanOut = fanOut;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Takes a turn; throws if the database fails, and then nothing of it is written. */
    Outcome take(Start start) {
        Outcome outcome = transactions.execute(tx -> {
            List<BatchSender.Sent> disabled = recorder.record(start.sent());
            FanOut.Result fanned = fanOut.next(settings.batch());
            OffsetDateTime now = OffsetDateTime.now(clock);
            OffsetDateTime until = now.plus(settings.lease());

            // Those that sent a batch go on, unless they give way, or their target did not answer or asked to
            // slow down (the rest then wait for a poll); they go on only while this node still holds them.
            Set<UUID> finished = new HashSet<>();
            Set<UUID> goingOn = new HashSet<>();
            Set<UUID> letGo = new HashSet<>();
            for (var batch : start.sent()) {
                UUID id = batch.subscription().id();
                finished.add(id);
                (start.givingWay().contains(id) || batch.cutShort() ? letGo : goingOn).add(id);
            }
            Set<UUID> renewing = new HashSet<>(start.sending());
            renewing.removeAll(start.overdue());
            renewing.addAll(goingOn);
            goingOn.retainAll(subscriptions.renew(renewing, until));
            subscriptions.release(letGo);

            // Those going on read their next deliveries first: one with none is let go, and its sender is free.
            Map<UUID, Subscription> active = new HashMap<>(subscriptions.activeByIds(goingOn));
            Map<UUID, List<DeliveryRepository.Due>> due =
                    new LinkedHashMap<>(deliveries.due(active.keySet(), now, settings.batch()));

            // New ones, as far as senders are free: those waiting, those just fanned out, and at a poll those no
            // node holds that have deliveries due. One this node holds reads its new deliveries itself.
            Set<UUID> candidates = new LinkedHashSet<>(start.waiting());
            candidates.addAll(fanned.subscriptions());
            if (start.poll()) {
                candidates.addAll(subscriptions.unheldWithDeliveriesDue(now, settings.batch()));
            }
            candidates.removeAll(start.sending());
            candidates.removeAll(finished);
            // A bounded look per turn (one statement binds so many ids); the rest wait for the next turns.
            List<UUID> looked = candidates.stream().limit(CANDIDATES_PER_TURN).toList();
            List<UUID> notLooked = candidates.stream().skip(CANDIDATES_PER_TURN).toList();
            List<UUID> leasable = subscriptions.leasable(looked, now);
            int free = Math.max(0, start.senders() - start.sending().size() - due.size());
            List<UUID> leased = leasable.subList(0, Math.min(free, leasable.size()));
            subscriptions.lease(leased, until);
            Map<UUID, Subscription> fresh = subscriptions.activeByIds(leased);
            active.putAll(fresh);
            due.putAll(deliveries.due(fresh.keySet(), now, settings.batch()));

            Set<UUID> idle = new HashSet<>(goingOn);
            idle.addAll(leased);
            idle.removeAll(due.keySet());
            subscriptions.release(idle);

            Map<UUID, Batch> next = new LinkedHashMap<>();
            due.forEach((id, batch) -> {
                Subscription subscription = active.get(id);
                if (subscription != null) { // always: due reads only active subscriptions
                    next.put(id, new Batch(subscription, batch));
                }
            });
            List<UUID> waiting = new ArrayList<>(leasable.subList(leased.size(), leasable.size()));
            waiting.addAll(notLooked);
            return new Outcome(next, waiting, disabled, fanned.events() == settings.batch());
        });
        if (outcome == null) {
            throw new IllegalStateException("the delivery turn's transaction answered nothing");
        }
        recorder.committed(start.sent(), outcome.disabled());
        return outcome;
    }

    /** The last turn of a node that stops: records what was sent and lets every subscription it holds go. */
    void last(List<BatchSender.Sent> sent, Set<UUID> held) {
        var disabled = transactions.execute(tx -> {
            var written = recorder.record(sent);
            subscriptions.release(held);
            return written;
        });
        recorder.committed(sent, disabled == null ? List.of() : disabled);
    }
}
