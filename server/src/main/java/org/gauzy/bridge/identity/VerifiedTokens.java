package org.gauzy.bridge.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Verifies a token's signature once and remembers the result until the token expires. ES256
 * verification is the largest cost of an API request on this JDK (measured: it dominated the CPU
 * profile of the task benchmark), and a client such as the piece sends the same token for hours.
 * Only valid tokens are remembered; revocation is unaffected, because the session is still checked
 * in the database on every request. The map is bounded: past its size, expired entries are dropped,
 * and if that is not enough it starts over.
 */
final class VerifiedTokens implements JwtDecoder {

    static final int MAX_ENTRIES = 50_000;

    private final JwtDecoder verifier;
    private final Clock clock;
    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) {
        Instant now = clock.instant();
        Jwt known = verified.get(token);
        if (known != null && known.getExpiresAt() != null && known.getExpiresAt().isAfter(now)) {
            return known;
        }
        Jwt jwt = verifier.decode(token);
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(j -> j.getExpiresAt() == null || !j.getExpiresAt().isAfter(now));
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(token, jwt);
        return jwt;
    }
}
