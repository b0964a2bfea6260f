package org.gauzy.bridge.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A closed-loop load: {@code clients} threads, each sending its next request as soon as the previous
 * answered, on keep-alive connections, for a fixed time; or a paced one ({@link #paced}), at a fixed rate. Bounded
 * in time and aimed at loopback only.
 */
final class Load {

    record Result(String name, int clients, long requests, long errors, double seconds, long[] micros) {

        double perSecond() {
            return requests / seconds;
        }

        /**
         * The turns of one measure taken as one run: their requests and times together, so that a percentile
         * counts every request rather than averaging each turn's, whose tail is a handful of requests.
         */
        static Result pooled(String name, List<Result> turns) {
            long[] all = turns.stream()
                    .flatMapToLong(r -> Arrays.stream(r.micros()))
                    .sorted()
                    .toArray();
            return new Result(
                    name,
                    turns.get(0).clients(),
                    all.length,
                    turns.stream().mapToLong(Result::errors).sum(),
                    turns.stream().mapToDouble(Result::seconds).sum(),
                    all);
        }

        double percentileMillis(double p) {
            if (micros.length == 0) {
                return 0;
            }
            return micros[Math.min(micros.length - 1, (int) Math.ceil(p / 100 * micros.length) - 1)] / 1000.0;
        }

        String line() {
            return String.format(
                    "%-28s clients=%-3d %8.0f req/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  errors %d",
                    name,
                    clients,
                    perSecond(),
                    percentileMillis(50),
                    percentileMillis(90),
                    percentileMillis(99),
                    errors);
        }
    }

    private Load() {}

    /** One unit of work, such as a request or a whole round trip; false when it failed. */
    @FunctionalInterface
    interface Operation {
        boolean perform(int client, int iteration) throws Exception;
    }

    /** Runs {@code request(i)} in a loop from each client; a response outside 2xx counts as an error. */
    static Result run(String name, HttpClient http, int clients, Duration duration, IntFunction<HttpRequest> request)
            throws InterruptedException {
        return run(
                name,
                clients,
                duration,
                (client, i) -> http.send(request.apply(i), HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                / 100
                        == 2);
    }

    /**
     * Sends {@code request(i)} at {@code perSecond} in all, spread evenly over {@code clients} threads, each on its
     * own schedule. A request's time runs from when the schedule said to send it, not from when it went, so a
     * request held up by the one before it counts the wait (no coordinated omission). Below the rate at which the
     * machine saturates, this measures what a path adds to a call under load, where a closed loop measures the
     * queue of its callers.
     */
    static Result paced(
            String name,
            HttpClient http,
            int clients,
            double perSecond,
            Duration duration,
            IntFunction<HttpRequest> request)
            throws InterruptedException {
        long interval = (long) (clients * 1e9 / perSecond);
        long start = System.nanoTime() + 1_000_000;
        long end = start + duration.toNanos();
        return measure(name, clients, (client, sample) -> {
            long next = start + client * interval / clients;
            for (int i = 0; next < end; i++, next += interval) {
                // parkNanos may return early: a request never goes before its time.
                for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                int status;
                try {
                    status = http.send(request.apply(i), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (IOException e) {
                    status = 0;
                }
                sample.taken((System.nanoTime() - next) / 1000, status / 100 == 2);
            }
        });
    }

    /** Runs {@code operation} in a loop from each client, timing each run; an exception counts as an error. */
    static Result run(String name, int clients, Duration duration, Operation operation) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        var counter = new AtomicLong();
        return measure(name, clients, (client, sample) -> {
            while (System.nanoTime() < end) {
                int iteration = (int) counter.incrementAndGet();
                long t0 = System.nanoTime();
                boolean ok;
                try {
                    ok = operation.perform(client, iteration);
                } catch (Exception e) {
                    ok = false;
                }
                sample.taken((System.nanoTime() - t0) / 1000, ok);
            }
        });
    }

    /** One client's part of a load, recording each request into its sample. */
    @FunctionalInterface
    private interface ClientLoop {
        void run(int client, Sample sample) throws InterruptedException;
    }

    /** One client's request times in microseconds, and its errors. */
    private static final class Sample {
        private long[] micros = new long[1 << 16];
        private int n;
        private long errors;

        void taken(long elapsedMicros, boolean ok) {
            if (!ok) {
                errors++;
            }
            if (n == micros.length) {
                micros = Arrays.copyOf(micros, n * 2);
            }
            micros[n++] = elapsedMicros;
        }
    }

    private static Result measure(String name, int clients, ClientLoop loop) throws InterruptedException {
        var pool = Executors.newFixedThreadPool(clients);
        var futures = new ArrayList<Future<Sample>>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                var sample = new Sample();
                loop.run(client, sample);
                return sample;
            }));
        }
        List<Sample> samples = new ArrayList<>();
        for (var f : futures) {
            try {
                samples.add(f.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = samples.stream()
                .flatMapToLong(s -> Arrays.stream(s.micros, 0, s.n))
                .sorted()
                .toArray();
        return new Result(
                name,
                clients,
                all.length,
                samples.stream().mapToLong(s -> s.errors).sum(),
                seconds,
                all);
    }
}
