package org.gauzy.bridge.sandbox;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A fault injected on requests whose path matches {@code pathPattern} (a glob: {@code *} matches
 * within a segment, {@code **} across segments) and, when given, {@code method}.
 *
 * @param times how many matching calls it affects; 0 means every call until removed
 */
public record Fault(
        @Nullable String method,
        String pathPattern,
        Kind kind,
        int status,
        Duration latency,
        Duration retryAfter,
        int times) {

    public enum Kind {
        /** Answer after {@code latency}, then normally. */
        LATENCY,
        /** Answer {@code status} with a Fastify error body. */
        STATUS,
        /** Close the connection without an answer. */
        RESET,
        /** Answer 429 with {@code Retry-After}. */
        RATE_LIMIT,
        /** Answer as usual, but close the connection halfway through the body (its length promised whole). */
        BROKEN_BODY
    }

    public static Fault latency(String pathPattern, Duration latency) {
        return new Fault(null, pathPattern, Kind.LATENCY, 0, latency, Duration.ZERO, 0);
    }

    public static Fault status(String pathPattern, int status, int times) {
        return new Fault(null, pathPattern, Kind.STATUS, status, Duration.ZERO, Duration.ZERO, times);
    }

    public static Fault reset(String pathPattern, int times) {
        return new Fault(null, pathPattern, Kind.RESET, 0, Duration.ZERO, Duration.ZERO, times);
    }

    public static Fault brokenBody(String pathPattern, int times) {
        return new Fault(null, pathPattern, Kind.BROKEN_BODY, 0, Duration.ZERO, Duration.ZERO, times);
    }

    public static Fault rateLimit(String pathPattern, Duration retryAfter, int times) {
        return new Fault(null, pathPattern, Kind.RATE_LIMIT, 429, Duration.ZERO, retryAfter, times);
    }

    /** The same fault, only for one HTTP method. */
    public Fault onMethod(String httpMethod) {
        return new Fault(httpMethod, pathPattern, kind, status, latency, retryAfter, times);
    }
}
