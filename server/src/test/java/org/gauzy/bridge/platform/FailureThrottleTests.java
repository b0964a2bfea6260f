package org.gauzy.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class FailureThrottleTests {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    ManualClock clock = new ManualClock();
    FailureThrottle throttle = new FailureThrottle(3, Duration.ofMinutes(10), 100, clock);

    @Test
    void blocksAtTheLimitUntilTheOldestFailureLeavesTheWindow() {
        throttle.recordFailure("k");
        clock.now = clock.now.plusSeconds(60);
        throttle.recordFailure("k");
        assertThat(throttle.blockedFor("k")).isEmpty();
        throttle.recordFailure("k");
        assertThat(throttle.blockedFor("k")).contains(Duration.ofMinutes(9));

        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertThat(throttle.blockedFor("k")).isEmpty();
    }

    @Test
    void keysAreIndependentAndResetClearsOne() {
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("a");
        }
        assertThat(throttle.blockedFor("a")).isPresent();
        assertThat(throttle.blockedFor("b")).isEmpty();
        throttle.reset("a");
        assertThat(throttle.blockedFor("a")).isEmpty();
    }

    @Test
    void aFloodOfDistinctKeysIsBoundedOnceTheirFailuresExpire() {
        for (int i = 0; i < 100; i++) {
            throttle.recordFailure("key-" + i);
        }
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        throttle.recordFailure("fresh");
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("blocked");
        }
        assertThat(throttle.blockedFor("blocked")).isPresent();
        assertThat(throttle.blockedFor("key-0")).isEmpty();
    }
}
