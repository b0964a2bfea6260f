package org.gauzy.bridge.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes codes and refresh tokens a day after they expired. Until then a replayed code is still
 * recognised as a replay and revokes what it produced.
 */
@Component
class GrantPurge {

    private static final Logger log = LoggerFactory.getLogger(GrantPurge.class);
    static final Duration KEEP = Duration.ofDays(1);

    private final CodeRepository codes;
    private final RefreshTokenRepository refreshTokens;
    private final Clock clock;

    GrantPurge(CodeRepository codes, RefreshTokenRepository refreshTokens, Clock clock) {
        this.codes = codes;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    void purge() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(KEEP);
        int removed = codes.purge(before) + refreshTokens.purge(before);
        if (removed > 0) {
            log.info("Purged {} expired authorization codes and refresh tokens", removed);
        }
    }
}
