package org.gauzy.bridge.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Verifies a token's signature once and remembers the result until the token expires. ES256
 * verification is the largest cost of an API request on this JDK (measured: it dominated the CPU
 * profile of the task benchmark), and a client such as the piece sends the same token for hours.
 * Only valid tokens are remembered; revocation is unaffected, because the session is still checked
 * in the database on every request. A bounded cache: each entry leaves when its token expires, and the
 * least used go first past {@link #MAX_ENTRIES}.
 */
final class VerifiedTokens implements JwtDecoder {

    static final int MAX_ENTRIES = 50_000;

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfter(new Expiry<String, Jwt>() {
                    @Override
                    public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
                        return lifeLeft(jwt);
                    }

                    @Override
                    public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
                        return lifeLeft(jwt);
                    }

                    @Override
                    public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public Jwt decode(String token) {
        // The cache's own time is the system's; the service's clock (which tests move) decides as well.
        Jwt known = verified.getIfPresent(token);
        if (known != null
                && known.getExpiresAt() != null
                && known.getExpiresAt().isAfter(clock.instant())) {
            return known;
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    private long lifeLeft(Jwt jwt) {
        Instant expires = jwt.getExpiresAt();
        Duration left = expires == null ? Duration.ZERO : Duration.between(clock.instant(), expires);
        return left.isNegative() ? 0 : left.toNanos();
    }
}
