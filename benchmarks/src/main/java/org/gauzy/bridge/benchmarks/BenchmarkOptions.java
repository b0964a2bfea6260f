package org.gauzy.bridge.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A benchmark's {@code --name=value} arguments, and running a scenario on each database it names. */
final class BenchmarkOptions {

    /** A scenario on one database: a label to print and the service's environment for it. */
    @FunctionalInterface
    interface OnDatabase {
        void run(String label, Map<String, String> environment) throws Exception;
    }

    private final Map<String, String> values = new HashMap<>();

    BenchmarkOptions(String[] args) {
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            values.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int number(String name, int fallback) {
        return Integer.parseInt(values.getOrDefault(name, Integer.toString(fallback)));
    }

    Duration seconds(String name, long fallback) {
        return Duration.ofSeconds(Long.parseLong(values.getOrDefault(name, Long.toString(fallback))));
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    Path jar() {
        return Path.of(text("jar", "server/target/gauzy-bridge.jar"));
    }

    String serverJvmArgs() {
        return text("server-jvm-args", "");
    }

    /**
     * A build under test: the jar, or the build's launcher (the README's command), the JVM arguments it runs with,
     * and the name the figures give it.
     */
    record Build(Path jar, String jvmArgs) {

        String name() {
            Path shown = jar.getFileName().toString().endsWith(".jar") ? jar.getFileName() : jar;
            return shown + (jvmArgs.isBlank() ? "" : " [" + jvmArgs + "]");
        }
    }

    /**
     * The build under test, then what it is compared with, side by side: the jar {@code --compare} names, the
     * same jar with {@code --compare-jvm-args} (say, a bounded heap), or, with both, that jar with those
     * arguments (an older build that lacks a flag of this one's).
     */
    List<Build> builds() {
        List<Build> builds = new ArrayList<>(List.of(new Build(jar(), serverJvmArgs())));
        boolean otherJar = !text("compare", "").isBlank();
        boolean otherArgs = values.containsKey("compare-jvm-args");
        if (otherJar || otherArgs) {
            builds.add(new Build(
                    otherJar ? Path.of(text("compare", "")) : jar(),
                    otherArgs ? text("compare-jvm-args", "") : serverJvmArgs()));
        }
        return builds;
    }

    /**
     * The builds in the order they run, {@code rounds} times over, every other round reversed (A B, B A, ...):
     * the same build measured twice in one run differed by up to 1.48 times in service CPU per change, more
     * often to the cost of the one that ran first, so one pair in a fixed order can mislead.
     */
    static <T> List<T> inTurns(List<T> builds, int rounds) {
        List<T> order = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<T> turn = new ArrayList<>(builds);
            if (round % 2 == 1) {
                Collections.reverse(turn);
            }
            order.addAll(turn);
        }
        return order;
    }

    /** The kinds of database {@code --databases} names: {@code h2}, {@code postgres}, or both (the default). */
    List<String> databases() {
        return databases("h2,postgres");
    }

    /** The kinds of database {@code --databases} names, else {@code fallback}. */
    List<String> databases(String fallback) {
        return List.of(text("databases", fallback).split(","));
    }

    /** Runs the scenario on the embedded default (H2) and on a fresh embedded PostgreSQL, as {@code --databases} says. */
    void eachDatabase(OnDatabase scenario) throws Exception {
        for (String database : databases()) {
            onFreshDatabase(database, scenario);
        }
    }

    /** Runs the scenario on a new, empty database of this kind ({@code h2} or {@code postgres}). */
    static void onFreshDatabase(String database, OnDatabase scenario) throws Exception {
        if (database.equals("postgres")) {
            try (var pg = EmbeddedPostgres.builder().start()) {
                try (var c = pg.getPostgresDatabase().getConnection();
                        var s = c.createStatement()) {
                    s.execute("create database bench");
                }
                scenario.run(
                        "PostgreSQL",
                        Map.of("DB_URL", pg.getJdbcUrl("postgres", "bench"), "DB_USER", "postgres", "DB_PASS", ""));
            }
        } else {
            scenario.run("H2 (embedded default)", Map.of());
        }
    }
}
