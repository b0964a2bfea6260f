package org.gauzy.bridge.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
    static final String CLIENT_CLAIM = "client_id";

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
        var claims = claims(session, user.id(), user.tenantId(), role, user.lastOrganizationId(),
                UUID.randomUUID().toString(), now, now.plus(settings.accessTokenTtl()));
        return sign(claims);
    }

    /**
     * An access token of a session delegated to an OAuth client: the consented organization, the
     * client, its scopes and this API as audience. The caller picks the id and lifetime, so that a
     * refresh repeated within its grace window can answer a token equal to the first one.
     */
    String issueDelegated(RequestContext context, DelegatedAccess.TokenSpec spec) {
        var claims = claims(context.sessionId(), context.userId(), context.tenantId(), context.role(),
                context.organizationId(), spec.tokenId(), spec.issuedAt(), spec.expiresAt())
                .claim(CLIENT_CLAIM, spec.clientId())
                .claim("scope", String.join(" ", spec.scopes()))
                .audience(List.of(audience()));
        return sign(claims);
    }

    String issuer() {
        return settings.issuer();
    }

    /** The audience of tokens issued to OAuth clients: this service's API. */
    String audience() {
        return settings.issuer() + "/api";
    }

    private JwtClaimsSet.Builder claims(UUID session, UUID user, @Nullable UUID tenant, @Nullable RoleName role,
            @Nullable UUID organization, String tokenId, Instant issuedAt, Instant expiresAt) {
        var claims = JwtClaimsSet.builder()
                .issuer(issuer())
                .subject(user.toString())
                .id(tokenId)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("id", user.toString())
                .claim(SESSION_CLAIM, session.toString());
        if (tenant != null) {
            claims.claim("tenantId", tenant.toString());
        }
        if (organization != null) {
            claims.claim("organizationId", organization.toString());
            if (tenant != null) {
                employees.orderedStream().findFirst()
                        .flatMap(lookup -> lookup.employeeOf(tenant, user, organization))
                        .ifPresent(employee -> claims.claim("employeeId", employee.toString()));
            }
        }
        if (role != null) {
            claims.claim("role", role.name());
        }
        return claims;
    }

    private String sign(JwtClaimsSet.Builder claims) {
        var header = JwsHeader.with(SignatureAlgorithm.ES256).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }
}
