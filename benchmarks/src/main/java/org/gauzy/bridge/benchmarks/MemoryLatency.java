package org.gauzy.bridge.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How long a read from main memory takes on this machine now: a chain of dependent reads through a random cycle
 * over 128 MB, far beyond any cache, so that each read waits for memory. A cold start runs most of its code once and
 * touches most of its data once, so it waits on memory far more than a warm service does. On this kind of machine,
 * shared with other guests, the same build was ready in 2.8-2.9 s in some hours and in 4.3-5.9 s in others; printed
 * beside the start-up figures, this says what kind of hour they were taken in.
 */
final class MemoryLatency {

    private static final int SLOTS = 1 << 25; // 32 Mi ints: 128 MB
    private static final int READS = 20_000_000;

    private final int[] next = new int[SLOTS];

    MemoryLatency() {
        // Sattolo's shuffle: one cycle through every slot, so the chain never settles into a cached loop.
        for (int i = 0; i < SLOTS; i++) {
            next[i] = i;
        }
        var random = new SplittableRandom(42);
        for (int i = SLOTS - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int swapped = next[i];
            next[i] = next[j];
            next[j] = swapped;
        }
    }

    /** Nanoseconds per read, the median of three passes (the first also warms the loop up). */
    double nanosecondsPerRead() {
        double[] passes = new double[3];
        int position = 0;
        for (int pass = 0; pass < passes.length; pass++) {
            long began = System.nanoTime();
            for (int read = 0; read < READS; read++) {
                position = next[position];
            }
            passes[pass] = (System.nanoTime() - began) / (double) READS;
        }
        if (position < 0) {
            throw new IllegalStateException("unreachable: keeps the chain from being optimised away");
        }
        Arrays.sort(passes);
        return passes[1];
    }

    /** One line for a benchmark's output. */
    static String measure() {
        return String.format(
                "this machine now: a read from memory takes %.0f ns (dependent random reads over 128 MB)",
                new MemoryLatency().nanosecondsPerRead());
    }
}
