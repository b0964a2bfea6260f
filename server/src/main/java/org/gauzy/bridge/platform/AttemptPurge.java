package org.gauzy.bridge.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Forgets what {@link AttemptThrottle} no longer needs: failures older than any window (a day at most), and
 * addresses not seen for {@link AttemptThrottle#KNOWN_FOR}.
 */
@Component
class AttemptPurge implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(AttemptPurge.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration every;

    AttemptPurge(JdbcClient jdbc, Clock clock, @Value("${gauzy.purge-every:1h}") Duration every) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public String name() {
        return "attempt-purge";
    }

    @Override
    public Duration every() {
        return every;
    }

    @Override
    public void run() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int removed = jdbc.sql("delete from attempt_failure where last_failure_at < :before")
                        .param("before", now.minus(Duration.ofDays(1)))
                        .update()
                + jdbc.sql("delete from attempt_known_address where seen_at < :before")
                        .param("before", now.minus(AttemptThrottle.KNOWN_FOR))
                        .update();
        if (removed > 0) {
            log.info("Purged {} stale sign-in throttle entries", removed);
        }
    }
}
