package org.gauzy.bridge.oauth;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gauzy.bridge.identity.DelegatedAccess;
import org.gauzy.bridge.platform.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

/**
 * Revocation (RFC 7009) and introspection (RFC 7662), each only for tokens issued to the calling
 * client. A client learns nothing about other clients' tokens: they are simply inactive to it, and
 * revoking one is a silent no-op.
 */
@Service
class TokenInspection {

    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final RefreshTokenRepository refreshTokens;
    private final DelegatedAccess access;
    private final SecretTokens secrets;
    private final Clock clock;

    TokenInspection(RefreshTokenRepository refreshTokens, DelegatedAccess access, SecretTokens secrets, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.access = access;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Revoking a refresh token ends its grant (and so its access tokens); an access token dies alone. */
    void revoke(OAuthClientRepository.Client client, @Nullable String token) {
        String value = required(token);
        var refresh = ownRefreshToken(client, value);
        if (refresh.isPresent()) {
            access.revoke(refresh.get().sessionId());
            return;
        }
        ownAccessToken(client, value)
                .ifPresent(jwt -> access.revokeAccessToken(
                        jwt.getId(), jwt.getExpiresAt() == null ? clock.instant() : jwt.getExpiresAt()));
    }

    Map<String, Object> introspect(OAuthClientRepository.Client client, @Nullable String token) {
        String value = required(token);
        OffsetDateTime now = OffsetDateTime.now(clock);
        var refresh = ownRefreshToken(client, value)
                .filter(t -> t.usedAt() == null && t.expiresAt().isAfter(now) && access.isLive(t.sessionId()));
        if (refresh.isPresent()) {
            var t = refresh.get();
            var answer = new LinkedHashMap<String, Object>();
            answer.put("active", true);
            answer.put("token_type", "refresh_token");
            answer.put("client_id", t.clientId());
            answer.put("scope", t.scopes());
            answer.put("sub", t.userId().toString());
            answer.put("exp", t.expiresAt().toEpochSecond());
            answer.put("iss", access.issuer());
            return answer;
        }
        return ownAccessToken(client, value).map(TokenInspection::describe).orElse(INACTIVE);
    }

    private static Map<String, Object> describe(Jwt jwt) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("active", true);
        answer.put("token_type", "Bearer");
        answer.put("client_id", jwt.getClaimAsString("client_id"));
        answer.put("scope", jwt.getClaimAsString("scope"));
        answer.put("sub", jwt.getSubject());
        answer.put("aud", jwt.getAudience());
        answer.put("iss", jwt.getClaimAsString("iss"));
        answer.put("jti", jwt.getId());
        answer.put("iat", epoch(jwt.getIssuedAt()));
        answer.put("exp", epoch(jwt.getExpiresAt()));
        for (String claim : new String[] {"tenantId", "organizationId", "employeeId"}) {
            if (jwt.hasClaim(claim)) {
                answer.put(claim, jwt.getClaimAsString(claim));
            }
        }
        return answer;
    }

    private Optional<RefreshTokenRepository.RefreshToken> ownRefreshToken(
            OAuthClientRepository.Client client, String token) {
        if (!token.startsWith(TokenIssuer.REFRESH_PREFIX)) {
            return Optional.empty();
        }
        return refreshTokens.find(secrets.hash(token)).filter(t -> t.clientId().equals(client.clientId()));
    }

    private Optional<Jwt> ownAccessToken(OAuthClientRepository.Client client, String token) {
        return access.liveClientToken(token).filter(jwt -> client.clientId().equals(jwt.getClaimAsString("client_id")));
    }

    private static @Nullable Long epoch(@Nullable Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }

    private static String required(@Nullable String token) {
        if (token == null || token.isBlank()) {
            throw OAuthError.of(OAuthError.INVALID_REQUEST, "token is required");
        }
        return token;
    }
}
