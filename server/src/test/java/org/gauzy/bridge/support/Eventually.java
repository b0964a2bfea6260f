package org.gauzy.bridge.support;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waiting for what happens in the background (webhook deliveries, other processes): the tests' one idiom,
 * a probe that answers null until the thing has happened, polled by Awaitility.
 */
public final class Eventually {

    private Eventually() {}

    /** The first non-null answer of {@code probe} within 15 seconds; else the test fails naming {@code what}. */
    public static <T> T await(Supplier<T> probe, String what) {
        return await(probe, what, Duration.ofSeconds(15));
    }

    /** The first non-null answer of {@code probe} within {@code limit}; else the test fails naming {@code what}. */
    public static <T> T await(Supplier<T> probe, String what, Duration limit) {
        // Long waits are for other servers (a real Activepieces running flows): ask them less often.
        Duration interval = Duration.ofMillis(limit.compareTo(Duration.ofSeconds(15)) > 0 ? 250 : 50);
        try {
            return Awaitility.await(what)
                    .atMost(limit)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(interval)
                    .until(probe::get, Objects::nonNull);
        } catch (ConditionTimeoutException timedOut) {
            throw new AssertionError("Timed out waiting for " + what, timedOut);
        }
    }
}
