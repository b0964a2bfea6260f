package org.gauzy.bridge.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waiting for what happens in the background (webhook deliveries), polling without a library. */
public final class Eventually {

    private Eventually() {}

    /** The first non-null answer of {@code probe} within 15 seconds; else the test fails naming {@code what}. */
    public static <T> T await(Supplier<T> probe, String what) {
        return await(probe, what, Duration.ofSeconds(15));
    }

    /** The first non-null answer of {@code probe} within {@code limit}; else the test fails naming {@code what}. */
    public static <T> T await(Supplier<T> probe, String what, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        // Long waits are for other servers (a real Activepieces running flows): ask them less often.
        long interval = limit.compareTo(Duration.ofSeconds(15)) > 0 ? 250 : 50;
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what);
    }
}
