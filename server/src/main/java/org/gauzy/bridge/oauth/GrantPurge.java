package org.gauzy.bridge.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.gauzy.bridge.platform.ClusterJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Deletes codes and refresh tokens a day after they expired. Until then a replayed code is still
 * recognised as a replay and revokes what it produced.
 */
@Component
class GrantPurge implements ClusterJob {

    private static final Logger log = LoggerFactory.getLogger(GrantPurge.class);
    static final Duration KEEP = Duration.ofDays(1);

    private final CodeRepository codes;
    private final RefreshTokenRepository refreshTokens;
    private final Clock clock;
    private final Duration every;

    GrantPurge(
            CodeRepository codes,
            RefreshTokenRepository refreshTokens,
            Clock clock,
            @Value("${gauzy.purge-every:1h}") Duration every) {
        this.codes = codes;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public String name() {
        return "grant-purge";
    }

    @Override
    public Duration every() {
        return every;
    }

    @Override
    public void run() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(KEEP);
        int removed = codes.purge(before) + refreshTokens.purge(before);
        if (removed > 0) {
            log.info("Purged {} expired authorization codes and refresh tokens", removed);
        }
    }
}
