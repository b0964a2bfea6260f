package org.gauzy.bridge.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's time: the real clock plus an offset a test can move forward (to make an OAuth2
 * token due for refresh), and creation instants that never repeat, so cursors never tie.
 */
public final class SandboxClock {

    private final AtomicLong offsetMillis = new AtomicLong();
    private final AtomicLong lastCreated = new AtomicLong();

    public Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis.get());
    }

    public void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    void reset() {
        offsetMillis.set(0);
    }

    /** A creation instant strictly after every earlier one, with millisecond precision. */
    Instant nextCreated() {
        long now = now().toEpochMilli();
        return Instant.ofEpochMilli(lastCreated.updateAndGet(last -> Math.max(last + 1, now)));
    }
}
