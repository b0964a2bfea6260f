package org.gauzy.bridge.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The dispatcher's own state, which only its thread reads and changes: the batches sent that no turn has
 * recorded, the subscriptions sending now, since when this node holds each, and those waiting for a sender.
 * It says what a turn starts from and takes what the turn came to; times are {@link System#nanoTime()}.
 */
final class DispatcherState {

    /**
     * How long a subscription keeps its sender before it gives way to those waiting for one: long enough that a
     * busy subscription's batches grow, short enough that the others wait a fraction of a second.
     */
    static final long FAIR_SHARE_NANOS = 100_000_000L;

    private final int senders;
    private final long longestSendNanos;
    private final List<BatchSender.Sent> unrecorded = new ArrayList<>();
    private final Map<UUID, Long> sending = new HashMap<>();
    private final Map<UUID, Long> heldSince = new HashMap<>();
    private final Set<UUID> waiting = new LinkedHashSet<>();

    /**
     * @param longestSend how long a batch can take at most; a batch sending for longer has a stuck sender, and
     *     its subscription's lease is no longer renewed
     */
    DispatcherState(int senders, Duration longestSend) {
        this.senders = senders;
        this.longestSendNanos = longestSend.toNanos();
    }

    /** A sender finished: its subscription is no longer sending, and the batch waits to be recorded. */
    void finished(BatchSender.Sent sent) {
        sending.remove(sent.subscription().id());
        unrecorded.add(sent);
    }

    /** A subscription has a delivery due again (a replay): it waits for a sender. */
    void replayed(UUID subscription) {
        waiting.add(subscription);
    }

    /** What the next turn starts from. */
    DeliveryTurn.Start start(boolean poll, long now) {
        Set<UUID> givingWay = new HashSet<>();
        if (!waiting.isEmpty()) {
            for (var batch : unrecorded) {
                UUID id = batch.subscription().id();
                if (now - heldSince.getOrDefault(id, now) > FAIR_SHARE_NANOS) {
                    givingWay.add(id);
                }
            }
        }
        Set<UUID> overdue = new HashSet<>();
        sending.forEach((id, since) -> {
            if (now - since > longestSendNanos) {
                overdue.add(id);
            }
        });
        return new DeliveryTurn.Start(
                List.copyOf(unrecorded),
                givingWay,
                Set.copyOf(sending.keySet()),
                overdue,
                List.copyOf(waiting),
                poll,
                senders);
    }

    /** Takes what a turn that started from {@code start} came to, and answers the batches to send now. */
    Collection<DeliveryTurn.Batch> after(DeliveryTurn.Start start, DeliveryTurn.Outcome outcome, long now) {
        for (var batch : start.sent()) {
            UUID id = batch.subscription().id();
            if (!outcome.next().containsKey(id)) {
                heldSince.remove(id); // let go: it has nothing due, gives way, or another node took it
            }
        }
        unrecorded.clear();
        waiting.clear();
        waiting.addAll(outcome.waiting());
        waiting.addAll(start.givingWay());
        outcome.next().keySet().forEach(id -> {
            heldSince.putIfAbsent(id, now);
            sending.put(id, now);
        });
        return outcome.next().values();
    }

    int waiting() {
        return waiting.size();
    }

    List<BatchSender.Sent> unrecorded() {
        return List.copyOf(unrecorded);
    }

    Set<UUID> held() {
        return Set.copyOf(heldSince.keySet());
    }

    void clear() {
        unrecorded.clear();
        sending.clear();
        heldSince.clear();
        waiting.clear();
    }
}
