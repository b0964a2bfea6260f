package org.gauzy.bridge.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Issues the access token of a sign-in session: a JWT with Gauzy's claims ({@code id},
 * {@code tenantId}, {@code organizationId}, {@code employeeId}, {@code role}) and {@code sid}, the
 * session whose revocation kills it.
 */
@Component
class LoginTokens {

    static final String SESSION_CLAIM = "sid";

    private final JwtEncoder encoder;
    private final IdentitySettings settings;
    private final Clock clock;

    LoginTokens(JwtEncoder encoder, IdentitySettings settings, Clock clock) {
        this.encoder = encoder;
        this.settings = settings;
        this.clock = clock;
    }

    String issue(UUID session, UserRepository.User user, @Nullable RoleName role) {
        Instant now = clock.instant();
        var claims = JwtClaimsSet.builder()
                .issuer(settings.issuer())
                .subject(user.id().toString())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(settings.accessTokenTtl()))
                .claim("id", user.id().toString())
                .claim(SESSION_CLAIM, session.toString());
        if (user.tenantId() != null) {
            claims.claim("tenantId", user.tenantId().toString());
        }
        if (user.lastOrganizationId() != null) {
            claims.claim("organizationId", user.lastOrganizationId().toString());
        }
        if (role != null) {
            claims.claim("role", role.name());
        }
        var header = JwsHeader.with(SignatureAlgorithm.ES256).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }
}
