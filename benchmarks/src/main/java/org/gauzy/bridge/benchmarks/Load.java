package org.gauzy.bridge.benchmarks;

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
import java.util.function.IntFunction;

/**
 * A closed-loop load: {@code clients} threads, each sending its next request as soon as the previous
 * answered, on keep-alive connections, for a fixed time. Bounded in time and aimed at loopback only.
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

    /** Runs {@code operation} in a loop from each client, timing each run; an exception counts as an error. */
    static Result run(String name, int clients, Duration duration, Operation operation) throws InterruptedException {
        var errors = new AtomicLong();
        var counter = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        var pool = Executors.newFixedThreadPool(clients);
        var futures = new ArrayList<Future<long[]>>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                long[] samples = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    int iteration = (int) counter.incrementAndGet();
                    long t0 = System.nanoTime();
                    try {
                        if (!operation.perform(client, iteration)) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (n == samples.length) {
                        samples = Arrays.copyOf(samples, n * 2);
                    }
                    samples[n++] = (System.nanoTime() - t0) / 1000;
                }
                return Arrays.copyOf(samples, n);
            }));
        }
        for (var f : futures) {
            try {
                perClient.add(f.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(name, clients, all.length, errors.get(), seconds, all);
    }
}
