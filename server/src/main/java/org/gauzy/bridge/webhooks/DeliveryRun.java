package org.gauzy.bridge.webhooks;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One subscription's deliveries being sent by this node. Deliveries fanned out while it runs join it
 * (in event order, after those it has) instead of waiting for it to end; it takes at most
 * {@code size} in all, so that it ends, and a delivery that joins twice is sent once.
 */
final class DeliveryRun {

    private final int size;
    private final ArrayDeque<DeliveryRepository.Due> queue = new ArrayDeque<>();
    private final Set<UUID> taken = new HashSet<>();
    private boolean closed;

    DeliveryRun(int size) {
        this.size = size;
    }

    /** Adds deliveries to the run; false once it has ended, when they must wait for another. */
    synchronized boolean join(List<DeliveryRepository.Due> due) {
        if (closed) {
            return false;
        }
        for (var delivery : due) {
            if (taken.size() < size && taken.add(delivery.id())) {
                queue.add(delivery);
            }
        }
        notifyAll();
        return true;
    }

    /**
     * The deliveries to send next, waiting up to {@code linger} for some to join when none are queued;
     * null, and the run ended, when none came.
     */
    synchronized @Nullable List<DeliveryRepository.Due> next(Duration linger) {
        long deadline = System.nanoTime() + linger.toNanos();
        try {
            for (long left = linger.toNanos(); queue.isEmpty() && !closed && left > 0;
                    left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            closed = true;
        }
        if (queue.isEmpty() || closed) {
            closed = true;
            return null;
        }
        List<DeliveryRepository.Due> batch = new ArrayList<>(queue);
        queue.clear();
        return batch;
    }

    /** Ends the run; whether deliveries were left in it, or it was full (more may be pending). */
    synchronized boolean leftOver() {
        closed = true;
        boolean left = !queue.isEmpty() || taken.size() >= size;
        queue.clear();
        return left;
    }
}
