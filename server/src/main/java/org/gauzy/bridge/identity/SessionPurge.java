package org.gauzy.bridge.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.gauzy.bridge.platform.ClusterJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Deletes sessions and revoked-token entries a day after they expired, so the tables stay small. */
@Component
class SessionPurge implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(SessionPurge.class);
    static final Duration KEEP = Duration.ofDays(1);

    private final SessionRepository sessions;
    private final Clock clock;
    private final Duration every;

    SessionPurge(SessionRepository sessions, Clock clock, @Value("${gauzy.purge-every:1h}") Duration every) {
        this.sessions = sessions;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public String name() {
        return "session-purge";
    }

    @Override
    public Duration every() {
        return every;
    }

    @Override
    public void run() {
        int removed = sessions.purgeExpired(OffsetDateTime.now(clock).minus(KEEP));
        if (removed > 0) {
            log.info("Purged {} expired sessions and revoked-token entries", removed);
        }
    }
}
