package org.gauzy.bridge.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Throttles guessing at a secret (a password, a client secret) without handing the attacker a way to lock the
 * owner out. Failures are counted three ways, in the database so that every node of a cluster sees the same:
 * <ul>
 * <li>per subject and address: that address stops guessing that subject's secret for the window;</li>
 * <li>per address: one address stops guessing many subjects' secrets for the window;</li>
 * <li>per subject, from everywhere: the subject is slowed down, never locked. Past the limit each further
 * attempt from an address that never proved the secret waits twice as long as the one before, up to a
 * ceiling; an address that signed in successfully before is not slowed, so the owner still gets in from
 * their usual address while someone else hammers the account.</li>
 * </ul>
 * Keys are digests: the table never holds an email or an address. Each count is its own statement, outside
 * any transaction of the caller's, so that the refusal which follows a failure cannot roll it back: callers
 * must not hold a transaction around an attempt.
 */
@Component
public class AttemptThrottle {

    /** How long an address stays "known" for a subject after it last proved the secret. */
    static final Duration KNOWN_FOR = Duration.ofDays(90);
    /** How often a known address's last sighting is written again (not on every success). */
    private static final Duration KNOWN_REFRESH = Duration.ofDays(1);

    /**
     * The limits of one kind of attempt.
     *
     * @param perSubjectAndAddress failures of one address at one subject before that pair waits out the window
     * @param perAddress failures of one address, at any subjects, before the address waits out the window
     * @param perSubject failures at one subject, from anywhere, before attempts from unknown addresses slow down
     * @param window how long a failure counts
     * @param maxDelay the longest a slowed-down subject makes an unknown address wait between attempts
     */
    public record Limits(int perSubjectAndAddress, int perAddress, int perSubject, Duration window, Duration maxDelay) {

        public Limits {
            if (perSubjectAndAddress < 1
                    || perAddress < 1
                    || perSubject < 1
                    || window.isNegative()
                    || window.isZero()
                    || maxDelay.isNegative()
                    || maxDelay.isZero()) {
                throw new IllegalArgumentException("Throttle limits, window and delay must be positive");
            }
            if (window.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("A throttle window is at most a day");
            }
        }
    }

    /** Known addresses this node wrote lately, so that a client's every token request does not write one. */
    private static final int RECENTLY_KNOWN = 10_000;

    private final JdbcClient jdbc;
    private final SecretTokens digests;
    private final Clock clock;
    private final Cache<String, Boolean> recentlyKnown = Caffeine.newBuilder()
            .maximumSize(RECENTLY_KNOWN)
            .expireAfterWrite(KNOWN_REFRESH)
            .build();

    public AttemptThrottle(JdbcClient jdbc, SecretTokens digests, Clock clock) {
        this.jdbc = jdbc;
        this.digests = digests;
        this.clock = clock;
    }

    /** One attempt of {@code kind} (a name, so that kinds never share counts) at a subject from an address. */
    public Attempt attempt(String kind, String subject, String address, Limits limits) {
        return new Attempt(kind, subject, address, limits);
    }

    /** An attempt: asked whether it may go ahead, then told how it went. */
    public final class Attempt {

        private final Limits limits;
        private final String pairKey;
        private final String addressKey;
        private final String subjectKey;
        private final String knownKey;
        /** Whether {@link #waitFor} found failures of this pair, which a success then clears. */
        private boolean pairFailed = true;

        private Attempt(String kind, String subject, String address, Limits limits) {
            this.limits = limits;
            this.pairKey = digests.hash(kind + "\u0000pair\u0000" + subject + "\u0000" + address);
            this.addressKey = digests.hash(kind + "\u0000address\u0000" + address);
            this.subjectKey = digests.hash(kind + "\u0000subject\u0000" + subject);
            this.knownKey = digests.hash(kind + "\u0000known\u0000" + subject + "\u0000" + address);
        }

        /** How long this attempt must wait before it is even checked; empty when it may go ahead now. */
        public Optional<Duration> waitFor() {
            OffsetDateTime now = now();
            Map<String, Failures> counted = counted(List.of(pairKey, addressKey, subjectKey), limits.window(), now);
            pairFailed = counted.containsKey(pairKey);
            Optional<Duration> blocked = blockedUntilWindowEnds(
                            counted.get(pairKey), limits.perSubjectAndAddress(), limits.window(), now)
                    .or(() ->
                            blockedUntilWindowEnds(counted.get(addressKey), limits.perAddress(), limits.window(), now));
            if (blocked.isPresent()) {
                return blocked;
            }
            Failures atSubject = counted.get(subjectKey);
            if (atSubject == null || atSubject.failures() < limits.perSubject() || isKnown(now)) {
                return Optional.empty();
            }
            int doublings = Math.min(atSubject.failures() - limits.perSubject(), 30);
            Duration delay = Duration.ofSeconds(1L << doublings);
            if (delay.compareTo(limits.maxDelay()) > 0) {
                delay = limits.maxDelay();
            }
            Duration left = Duration.between(now, atSubject.lastAt().plus(delay));
            return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
        }

        /** The secret was wrong: counts against the pair, the address and the subject. */
        public void failed() {
            OffsetDateTime now = now();
            for (String key : List.of(pairKey, addressKey, subjectKey)) {
                count(key, limits.window(), now);
            }
        }

        /**
         * The secret was right: the pair starts afresh, and the address is known for the subject. Usually no
         * statement at all: a pair without failures has nothing to clear, and an address this node marked known
         * within the day is not written again.
         */
        public void succeeded() {
            OffsetDateTime now = now();
            if (pairFailed) {
                jdbc.sql("delete from attempt_failure where throttle_key = :key")
                        .param("key", pairKey)
                        .update();
            }
            if (recentlyKnown.asMap().putIfAbsent(knownKey, Boolean.TRUE) != null) {
                return;
            }
            Optional<OffsetDateTime> seen = jdbc.sql("select seen_at from attempt_known_address where known_key = :key")
                    .param("key", knownKey)
                    .query(OffsetDateTime.class)
                    .optional();
            if (seen.isEmpty()) {
                jdbc.sql(
                                "insert into attempt_known_address (known_key, seen_at) values (:key, :now) on conflict do nothing")
                        .param("key", knownKey)
                        .param("now", now)
                        .update();
            } else if (seen.get().isBefore(now.minus(KNOWN_REFRESH))) {
                jdbc.sql("update attempt_known_address set seen_at = :now where known_key = :key")
                        .param("key", knownKey)
                        .param("now", now)
                        .update();
            }
        }

        private boolean isKnown(OffsetDateTime now) {
            return jdbc.sql("select count(*) from attempt_known_address where known_key = :key and seen_at > :since")
                            .param("key", knownKey)
                            .param("since", now.minus(KNOWN_FOR))
                            .query(Long.class)
                            .single()
                    > 0;
        }
    }

    /**
     * Counts an action limited per address whatever its outcome (a registration answers whether an email is
     * taken, so every one counts): how long the address must wait, or empty when this one is taken and counted.
     */
    public Optional<Duration> take(String kind, String address, int limit, Duration window) {
        OffsetDateTime now = now();
        String key = digests.hash(kind + "\u0000address\u0000" + address);
        Optional<Duration> blocked =
                blockedUntilWindowEnds(counted(List.of(key), window, now).get(key), limit, window, now);
        if (blocked.isEmpty()) {
            count(key, window, now);
        }
        return blocked;
    }

    private Map<String, Failures> counted(List<String> keys, Duration window, OffsetDateTime now) {
        return jdbc
                .sql("""
                select throttle_key, failures, first_failure_at, last_failure_at from attempt_failure
                where throttle_key in (:keys) and first_failure_at > :horizon""")
                .param("keys", keys)
                .param("horizon", now.minus(window))
                .query((rs, n) -> new Failures(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class)))
                .list()
                .stream()
                .collect(Collectors.toMap(Failures::key, f -> f));
    }

    private static Optional<Duration> blockedUntilWindowEnds(
            @Nullable Failures failures, int limit, Duration window, OffsetDateTime now) {
        if (failures == null || failures.failures() < limit) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, failures.firstAt().plus(window));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Adds a failure to a count, starting a new window when the last one is over; safe on every node at once. */
    private void count(String key, Duration window, OffsetDateTime now) {
        for (int tries = 0; tries < 3; tries++) {
            int updated = jdbc.sql("""
                    update attempt_failure set
                        failures = case when first_failure_at <= :horizon then 1 else failures + 1 end,
                        first_failure_at = case when first_failure_at <= :horizon then :now else first_failure_at end,
                        last_failure_at = :now
                    where throttle_key = :key""")
                    .param("horizon", now.minus(window))
                    .param("now", now)
                    .param("key", key)
                    .update();
            if (updated > 0 || jdbc.sql("""
                    insert into attempt_failure (throttle_key, failures, first_failure_at, last_failure_at)
                    values (:key, 1, :now, :now) on conflict do nothing""").param("key", key).param("now", now).update() > 0) {
                return;
            }
        }
    }

    /** Now, to the microsecond that PostgreSQL keeps, so that a time read back compares as it was written. */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private record Failures(String key, int failures, OffsetDateTime firstAt, OffsetDateTime lastAt) {}
}
