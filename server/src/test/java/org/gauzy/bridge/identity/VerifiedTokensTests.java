package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTests {

    Instant now = Instant.parse("2026-11-28T12:00:00Z");
    AtomicInteger verifications = new AtomicInteger();

    JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (token.startsWith("bad")) {
            throw new BadJwtException("invalid signature");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "ES256")
                .subject("u")
                .issuedAt(now.minusSeconds(10))
                .expiresAt(now.plusSeconds(60))
                .build();
    };

    @Test
    void aValidTokenIsVerifiedOnceUntilItExpires() {
        var tokens = new VerifiedTokens(verifier, Clock.fixed(now, ZoneOffset.UTC));
        tokens.decode("good");
        tokens.decode("good");
        assertThat(verifications).hasValue(1);

        var later = new VerifiedTokens(verifier, Clock.fixed(now.plusSeconds(61), ZoneOffset.UTC));
        later.decode("good");
        later.decode("good");
        assertThat(verifications)
                .as("an expired entry is verified again (and then refused by the verifier's clock)")
                .hasValue(3);
    }

    @Test
    void anInvalidTokenIsNeverRemembered() {
        var tokens = new VerifiedTokens(verifier, Clock.fixed(now, ZoneOffset.UTC));
        assertThatThrownBy(() -> tokens.decode("bad")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }
}
