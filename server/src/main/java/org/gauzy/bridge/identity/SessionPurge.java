package org.gauzy.bridge.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes sessions and revoked-token entries a day after they expired, so the tables stay small. */
@Component
class SessionPurge {

    private static final Logger log = LoggerFactory.getLogger(SessionPurge.class);
    static final Duration KEEP = Duration.ofDays(1);

    private final SessionRepository sessions;
    private final Clock clock;

    SessionPurge(SessionRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    void purge() {
        int removed = sessions.purgeExpired(OffsetDateTime.now(clock).minus(KEEP));
        if (removed > 0) {
            log.info("Purged {} expired sessions and revoked-token entries", removed);
        }
    }
}
