package org.gauzy.bridge.benchmarks;

import java.time.Duration;
import java.util.Optional;

/**
 * A warm-up that lasts until the service's JIT compilers have gone quiet, rather than for a fixed time.
 *
 * <p>Compiling is what warms a JVM, and C2 keeps at it long after the first requests: it compiles the hot
 * paths, then recompiles what it deoptimized when a profile changed, for instance when the load turns from one
 * kind of call to another. A compilation takes 0.1–0.5 s of a core. On two cores, a fixed 30 s warm-up left the
 * compilers using a third of one through the measured phases, and the slow requests came in bursts as long as
 * a compilation, about once a second: what the percentiles measured was the JIT, not the service.
 */
final class WarmUp {

    /** The share of one core the compilers may still use over a pass for it to count as a quiet one. */
    private static final double QUIET = 0.02;

    /**
     * Quiet passes in a row that make the service warm: after a single one, the first measured phase still met
     * a recompilation now and then.
     */
    private static final int QUIET_PASSES = 2;

    /** One pass of everything a benchmark will measure, each call and client count in turn. */
    @FunctionalInterface
    interface Pass {
        void run() throws Exception;
    }

    private WarmUp() {}

    /**
     * Runs passes until {@link #QUIET_PASSES} in a row kept the compilers under {@link #QUIET} of a core and
     * {@code minimum} has passed, or until {@code maximum} has passed (said in the output; the figures after it
     * are then suspect). Where the compilers' CPU time is not to be had (not Linux), it warms for {@code maximum}.
     */
    static void untilCompiled(ServiceProcess service, Duration minimum, Duration maximum, Pass pass) throws Exception {
        long started = System.nanoTime();
        int quietInARow = 0;
        for (int number = 1; ; number++) {
            Optional<Duration> compilingBefore = service.compilerCpuTime();
            long passStarted = System.nanoTime();
            pass.run();
            long now = System.nanoTime();
            Duration elapsed = Duration.ofNanos(now - started);
            Optional<Duration> compilingAfter = service.compilerCpuTime();
            if (compilingBefore.isEmpty() || compilingAfter.isEmpty()) {
                if (elapsed.compareTo(maximum) >= 0) {
                    System.out.printf(
                            "warmed up for %d s (the compilers' CPU time is not known here)%n", elapsed.toSeconds());
                    return;
                }
                continue;
            }
            double share = Math.max(
                            0, compilingAfter.get().minus(compilingBefore.get()).toNanos())
                    / (double) (now - passStarted);
            System.out.printf("warm-up pass %d: the compilers used %.1f %% of a core%n", number, share * 100);
            quietInARow = share < QUIET ? quietInARow + 1 : 0;
            if (quietInARow >= QUIET_PASSES && elapsed.compareTo(minimum) >= 0) {
                System.out.printf("warm after %d s%n", elapsed.toSeconds());
                return;
            }
            if (elapsed.compareTo(maximum) >= 0) {
                System.out.printf(
                        "NOT WARM after %d s: the compilers still used %.1f %% of a core; the figures below"
                                + " include their work%n",
                        elapsed.toSeconds(), share * 100);
                return;
            }
        }
    }
}
