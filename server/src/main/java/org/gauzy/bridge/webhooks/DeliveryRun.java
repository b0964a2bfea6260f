package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sender thread's turn with one subscription: it leases the subscription, then reads its due deliveries
 * in order, sends them, and records what they came to (with the next read, in one transaction), until
 * nothing is due; then it lets the subscription go. While it runs, the only node that sends the
 * subscription's deliveries is this one, and it reads them in order from the database: that is what keeps
 * them in order, on one node or several.
 *
 * <p>A fan-out on this node that writes deliveries for the subscription <em>nudges</em> the run, so that it
 * reads once more before it lets go: a delivery written just after its last read is not left waiting for a
 * poll. A run also gives way after a batch when other subscriptions wait for a sender ({@code othersWait}),
 * so that a busy subscription cannot keep a sender from the rest.
 */
final class DeliveryRun {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRun.class);
    private static final long FIRST_RETRY_NANOS = 100_000_000L;
    private static final long LONGEST_RETRY_NANOS = 2_000_000_000L;

    /** How a run ended. */
    enum Ending {
        /** Nothing due is left, or it was not this node's to send: nothing more to do. */
        DONE,
        /** It gave way to other subscriptions with deliveries still due: it goes to the back of the queue. */
        GAVE_WAY,
        /** The database could not record a batch before the lease ran out: another run sends it again. */
        LOST
    }

    private final UUID subscription;
    private final SubscriptionRepository leases;
    private final DeliveryRecorder recorder;
    private final BatchSender sender;
    private final WebhookSettings settings;
    private final Clock clock;
    private final BooleanSupplier running;
    private final BooleanSupplier othersWait;
    private boolean nudged;
    private boolean closed;
    private long renewedAt;

    DeliveryRun(UUID subscription, SubscriptionRepository leases, DeliveryRecorder recorder, BatchSender sender,
            WebhookSettings settings, Clock clock, BooleanSupplier running, BooleanSupplier othersWait) {
        this.subscription = subscription;
        this.leases = leases;
        this.recorder = recorder;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        this.running = running;
        this.othersWait = othersWait;
    }

    /** Sends the subscription's due deliveries until none are left; how it ended. */
    Ending run() {
        if (!lease()) {
            return Ending.DONE; // another node holds it, or it was disabled
        }
        BatchSender.@Nullable Sent sent = null;
        boolean sentAny = false;
        boolean cutShort = false;
        while (true) {
            clearNudge();
            DeliveryRecorder.Next next = recordAndReadNext(sent);
            sent = null;
            if (next == null) {
                return Ending.LOST;
            }
            Subscription current = next.subscription();
            if (current == null) {
                return Ending.DONE;
            }
            if (next.due().isEmpty()) {
                // Let go unless something came due since the read; and if a fan-out nudged it after the
                // read, the release may not have seen that: lease again and read once more.
                if (leases.releaseIfNothingDue(subscription, OffsetDateTime.now(clock))
                        && (closeUnlessNudged() || !lease())) {
                    return Ending.DONE;
                }
                continue;
            }
            if (cutShort) {
                // The target did not answer, or asked to slow down: the rest wait for a poll to find them.
                leases.release(subscription);
                return Ending.DONE;
            }
            if (!running.getAsBoolean() || (sentAny && othersWait.getAsBoolean())) {
                leases.release(subscription);
                return Ending.GAVE_WAY;
            }
            sent = sender.send(current, next.due(), clock.instant().plus(settings.lease().dividedBy(2)), running);
            sentAny = true;
            cutShort = sent.outcomes().size() < next.due().size() && running.getAsBoolean();
        }
    }

    /**
     * A fan-out wrote deliveries for the subscription: the run reads again before it lets go. False once the
     * run has let go for good; then the subscription needs a run of its own.
     */
    synchronized boolean nudge() {
        if (closed) {
            return false;
        }
        nudged = true;
        return true;
    }

    /** Ends the run: a nudge from now on finds it closed. */
    synchronized void close() {
        closed = true;
    }

    synchronized boolean closed() {
        return closed;
    }

    private synchronized void clearNudge() {
        nudged = false;
    }

    private synchronized boolean closeUnlessNudged() {
        closed = !nudged;
        return closed;
    }

    private boolean lease() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        renewedAt = System.nanoTime();
        return leases.lease(subscription, now, now.plus(settings.lease()));
    }

    /**
     * Records a batch and reads the next, retrying while the database is away, until the lease would run out:
     * past that, another node may take the subscription and send the batch again (so the run must not), and
     * this one gives up with null.
     */
    private DeliveryRecorder.@Nullable Next recordAndReadNext(BatchSender.@Nullable Sent sent) {
        long wait = FIRST_RETRY_NANOS;
        while (true) {
            long attemptAt = System.nanoTime();
            try {
                var next = recorder.recordAndReadNext(subscription, sent);
                renewedAt = attemptAt;
                return next;
            } catch (RuntimeException e) {
                long leaseEnds = renewedAt + settings.lease().toNanos();
                if (!running.getAsBoolean() || System.nanoTime() + wait - leaseEnds >= 0) {
                    log.warn("Recording deliveries of webhook subscription {} failed; they are sent again once its"
                            + " lease runs out: {}", subscription, e.toString());
                    return null;
                }
                try {
                    Thread.sleep(wait / 1_000_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                wait = Math.min(wait * 2, LONGEST_RETRY_NANOS);
            }
        }
    }
}
