package org.gauzy.bridge.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The service's clock, which a test moves forward (to let a cache expire) instead of waiting. Import
 * {@link Config} to put it in place of the system clock.
 */
public final class MovableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Instant> held = new AtomicReference<>();

    /** Back to the system's time, running (tests sharing a context should, after moving or holding it). */
    public void reset() {
        offset.set(Duration.ZERO);
        held.set(null);
    }

    /** Stops time where it is, so that what a test asserts cannot depend on how fast the machine runs. */
    public void hold() {
        held.set(instant());
    }

    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
        held.updateAndGet(at -> at == null ? null : at.plus(by));
    }

    @Override
    public Instant instant() {
        Instant at = held.get();
        return at != null ? at : Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** The movable clock as the service's one clock. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }
}
