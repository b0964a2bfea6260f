package org.gauzy.bridge.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
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
    private final ObjectProvider<EmployeeLookup> employees;
    private final Clock clock;

    LoginTokens(JwtEncoder encoder, IdentitySettings settings, ObjectProvider<EmployeeLookup> employees, Clock clock) {
        this.encoder = encoder;
        this.settings = settings;
        this.employees = employees;
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
            if (user.tenantId() != null) {
                employees.orderedStream().findFirst()
                        .flatMap(lookup -> lookup.employeeOf(user.tenantId(), user.id(), user.lastOrganizationId()))
                        .ifPresent(employee -> claims.claim("employeeId", employee.toString()));
            }
        }
        if (role != null) {
            claims.claim("role", role.name());
        }
        var header = JwsHeader.with(SignatureAlgorithm.ES256).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }
}
