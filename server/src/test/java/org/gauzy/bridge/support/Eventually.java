package org.gauzy.bridge.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waiting for what happens in the background (webhook deliveries), polling without a library. */
public final class Eventually {

    private Eventually() {
    }

    /** The first non-null answer of {@code probe} within 15 seconds; else the test fails naming {@code what}. */
    public static <T> T await(Supplier<T> probe, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what);
    }
}
