package org.gauzy.bridge.activepieces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Opens after {@code threshold} consecutive failures (5xx, timeouts, connection errors) so that a dead
 * Activepieces answers fast; after {@code openFor} one trial call is let through, and its outcome
 * closes or reopens the circuit.
 */
final class CircuitBreaker {

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;
    private boolean trialInFlight;

    CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** How long callers must still wait, or empty when a call may go out now. */
    synchronized Optional<Duration> refusal() {
        if (consecutiveFailures < threshold) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isBefore(openUntil)) {
            return Optional.of(Duration.between(now, openUntil));
        }
        if (trialInFlight) {
            return Optional.of(Duration.ofSeconds(1));
        }
        trialInFlight = true;
        return Optional.empty();
    }

    synchronized void success() {
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    synchronized void failure() {
        consecutiveFailures++;
        trialInFlight = false;
        if (consecutiveFailures >= threshold) {
            openUntil = clock.instant().plus(openFor);
        }
    }
}
