package org.gauzy.bridge.webhooks;

import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One subscription's deliveries being sent by this node. Deliveries fanned out while it runs join it
 * (in event order, after those it has) instead of waiting for it to end; a delivery that joins twice
 * is sent once. Between deliveries it idles without a sender, holding its subscription, until a join
 * wakes it or it ends.
 */
final class DeliveryRun {

    /** What joining came to: the run had ended; it took them; it took them and needs a sender again. */
    enum Joined { ENDED, TAKEN, WOKEN }

    final Subscription subscription;
    private final ArrayDeque<DeliveryRepository.Due> queue = new ArrayDeque<>();
    /**
     * The written deliveries it took: only those can join twice, once read from the database and once
     * from the fan-out that wrote them. Deliveries handed out unwritten are not kept here, so that a run
     * that goes on for long keeps no more than its reads.
     */
    private final Set<UUID> taken = new HashSet<>();
    private boolean readsDue;
    private boolean moreInDatabase;
    private boolean sending = true;
    private boolean ended;
    private long idleSince;
    private long renewedAt;
    private boolean wantedSeen;
    private @Nullable OffsetDateTime wantedAt;

    DeliveryRun(Subscription subscription, boolean readsDue, long now) {
        this.subscription = subscription;
        this.readsDue = readsDue;
        this.renewedAt = now;
    }

    synchronized Joined join(List<DeliveryRepository.Due> due) {
        if (ended) {
            return Joined.ENDED;
        }
        for (var delivery : due) {
            if (delivery.unwritten() != null || taken.add(delivery.id())) {
                queue.add(delivery);
            }
        }
        if (!sending && !queue.isEmpty()) {
            sending = true;
            return Joined.WOKEN;
        }
        return Joined.TAKEN;
    }

    /** Whether the run starts from what the database has due; true once only. */
    synchronized boolean readsDue() {
        boolean reads = readsDue;
        readsDue = false;
        return reads;
    }

    /**
     * Puts what the database has due before the deliveries that joined while it was read; {@code limit}
     * is how many were asked for: if that many came, more may be due, and the run ends once it has sent
     * them, for the next one to read on.
     */
    synchronized void readFirst(List<DeliveryRepository.Due> due, int limit) {
        List<DeliveryRepository.Due> joined = new ArrayList<>(queue);
        queue.clear();
        Set<UUID> read = new HashSet<>();
        for (var delivery : due) {
            taken.add(delivery.id());
            queue.add(delivery);
            read.add(delivery.id());
        }
        joined.stream().filter(d -> !read.contains(d.id())).forEach(queue::add);
        moreInDatabase = due.size() >= limit;
    }

    /**
     * The deliveries to send next; empty when none are left and the run idles (its sender leaves it);
     * null once it has ended, when its sender lets the subscription go.
     */
    synchronized @Nullable List<DeliveryRepository.Due> next() {
        if (queue.isEmpty() && moreInDatabase) {
            ended = true;
        }
        if (ended) {
            sending = false;
            return null;
        }
        if (queue.isEmpty()) {
            sending = false;
            idleSince = System.nanoTime();
            return List.of();
        }
        List<DeliveryRepository.Due> batch = new ArrayList<>(queue);
        queue.clear();
        return batch;
    }

    /**
     * Ends the run: it takes no more deliveries, and whoever lets it go writes those it holds unsent. True
     * when it idled, and the caller lets its subscription go; otherwise its sender does, or someone already
     * did.
     */
    synchronized boolean end() {
        boolean idle = !sending && !ended;
        ended = true;
        return idle;
    }

    /** Takes, once it has ended, the deliveries it still holds that were never written. */
    synchronized List<DeliveryRepository.Fanned> unsent() {
        List<DeliveryRepository.Fanned> unsent = unwritten(new ArrayList<>(queue));
        queue.clear();
        return unsent;
    }

    /** Ends the run if it idles since before {@code idleBefore}. */
    synchronized boolean endIfIdle(long idleBefore) {
        if (ended || sending || idleSince - idleBefore > 0) {
            return false;
        }
        ended = true;
        return true;
    }

    /**
     * Whether another node wanted the subscription since this run first looked: the first look only
     * notes the value, so that nodes' clocks never need to agree.
     */
    synchronized boolean wantedChanged(@Nullable OffsetDateTime wantedAt) {
        if (!wantedSeen) {
            wantedSeen = true;
            this.wantedAt = wantedAt;
            return false;
        }
        return !Objects.equals(this.wantedAt, wantedAt);
    }

    /** Whether its lease should be renewed with this batch: {@code every} has passed since it last was. */
    synchronized boolean renewDue(long now, long every) {
        if (now - renewedAt < every) {
            return false;
        }
        renewedAt = now;
        return true;
    }

    /** The deliveries among these that the fan-out handed out without writing them. */
    static List<DeliveryRepository.Fanned> unwritten(List<DeliveryRepository.Due> due) {
        List<DeliveryRepository.Fanned> unwritten = new ArrayList<>();
        for (var delivery : due) {
            if (delivery.unwritten() != null) {
                unwritten.add(delivery.unwritten());
            }
        }
        return unwritten;
    }
}
