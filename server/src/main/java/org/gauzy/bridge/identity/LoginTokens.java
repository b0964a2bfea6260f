package org.gauzy.bridge.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
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

    private final TokenSigner signer;
    private final IdentitySettings settings;
    private final ObjectProvider<EmployeeLookup> employees;
    private final Clock clock;

    LoginTokens(TokenSigner signer, IdentitySettings settings, ObjectProvider<EmployeeLookup> employees, Clock clock) {
        this.signer = signer;
        this.settings = settings;
        this.employees = employees;
        this.clock = clock;
    }

    String issue(UUID session, UserRepository.User user, @Nullable RoleName role) {
        Instant now = clock.instant();
        var claims = claims(
                session,
                user.id(),
                user.tenantId(),
                role,
                user.lastOrganizationId(),
                UUID.randomUUID().toString(),
                now,
                now.plus(settings.accessTokenTtl()));
        return sign(claims);
    }

    /**
     * An access token of a session delegated to an OAuth client: the consented organization, the
     * client, its scopes and this API as audience. The caller picks the id and lifetime, so that a
     * refresh repeated within its grace window can answer a token equal to the first one.
     */
    String issueDelegated(
            UUID session, UUID user, SessionContextRepository.Delegate delegate, DelegatedAccess.TokenSpec spec) {
        var claims = claims(
                        session,
                        user,
                        delegate.tenantId(),
                        role(delegate.role()),
                        delegate.organizationId(),
                        spec.tokenId(),
                        spec.issuedAt(),
                        spec.expiresAt())
                .claim(CLIENT_CLAIM, spec.clientId())
                .claim("scope", String.join(" ", spec.scopes()))
                .audience(List.of(audience()));
        return sign(claims);
    }

    private static @Nullable RoleName role(@Nullable String name) {
        try {
            return name == null ? null : RoleName.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    String issuer() {
        return settings.issuer();
    }

    /** The audience of tokens issued to OAuth clients: this service's API. */
    String audience() {
        return settings.issuer() + "/api";
    }

    private JWTClaimsSet.Builder claims(
            UUID session,
            UUID user,
            @Nullable UUID tenant,
            @Nullable RoleName role,
            @Nullable UUID organization,
            String tokenId,
            Instant issuedAt,
            Instant expiresAt) {
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(user.toString())
                .jwtID(tokenId)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .claim("id", user.toString())
                .claim(SESSION_CLAIM, session.toString());
        if (tenant != null) {
            claims.claim("tenantId", tenant.toString());
        }
        if (organization != null) {
            claims.claim("organizationId", organization.toString());
            if (tenant != null) {
                employees
                        .orderedStream()
                        .findFirst()
                        .flatMap(lookup -> lookup.employeeOf(tenant, user, organization))
                        .ifPresent(employee -> claims.claim("employeeId", employee.toString()));
            }
        }
        if (role != null) {
            claims.claim("role", role.name());
        }
        return claims;
    }

    private String sign(JWTClaimsSet.Builder claims) {
        return signer.sign(claims.build());
    }
}
