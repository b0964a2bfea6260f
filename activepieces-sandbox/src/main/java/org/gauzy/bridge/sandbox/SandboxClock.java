package org.gauzy.bridge.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's time: the real clock plus an offset a test can move forward (to make an OAuth2
 * token due for refresh), or pinned at an instant (so that rows are created in one second, as a burst
 * is on Activepieces), and creation instants that never repeat within a millisecond.
 */
public final class SandboxClock {

    private static final long NOT_PINNED = Long.MIN_VALUE;

    private final AtomicLong offsetMillis = new AtomicLong();
    private final AtomicLong pinnedMillis = new AtomicLong(NOT_PINNED);
    private final AtomicLong lastCreated = new AtomicLong();

    public Instant now() {
        long pinned = pinnedMillis.get();
        return Instant.ofEpochMilli(pinned != NOT_PINNED ? pinned : System.currentTimeMillis() + offsetMillis.get());
    }

    /**
     * Stops time, until {@link #unpin()}, at the start of the next second after now and after the last
     * creation, so that up to a thousand rows made meanwhile are all created in that one second.
     */
    public void pinToSecond() {
        long latest = Math.max(now().toEpochMilli(), lastCreated.get());
        pinnedMillis.set((Math.floorDiv(latest, 1000L) + 1) * 1000L);
    }

    public void unpin() {
        pinnedMillis.set(NOT_PINNED);
    }

    public void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    void reset() {
        offsetMillis.set(0);
        pinnedMillis.set(NOT_PINNED);
    }

    /** A creation instant strictly after every earlier one, with millisecond precision. */
    Instant nextCreated() {
        long now = now().toEpochMilli();
        return Instant.ofEpochMilli(lastCreated.updateAndGet(last -> Math.max(last + 1, now)));
    }
}
