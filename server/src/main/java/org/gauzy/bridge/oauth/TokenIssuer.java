package org.gauzy.bridge.oauth;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.identity.DelegatedAccess;
import org.gauzy.bridge.platform.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Issues the token pair of a grant: an access JWT (through identity, which signs every token) and,
 * when the client may refresh, an opaque refresh token stored by hash together with the id and
 * lifetime of the access token issued beside it.
 */
@Component
class TokenIssuer {

    static final String REFRESH_PREFIX = "gzrt_";

    private final DelegatedAccess access;
    private final RefreshTokenRepository refreshTokens;
    private final SecretTokens secrets;

    TokenIssuer(DelegatedAccess access, RefreshTokenRepository refreshTokens, SecretTokens secrets) {
        this.access = access;
        this.refreshTokens = refreshTokens;
        this.secrets = secrets;
    }

    /** A new pair; {@code refreshToken} is the one to issue (pre-chosen when rotating), or null for none. */
    TokenResponse issue(
            OAuthClientRepository.Client client,
            UUID session,
            UUID user,
            String scopes,
            @Nullable String refreshToken,
            OffsetDateTime now) {
        Instant issued = now.toInstant();
        var spec = new DelegatedAccess.TokenSpec(
                client.clientId(),
                scopeSet(scopes),
                UUID.randomUUID().toString(),
                issued,
                issued.plusSeconds(client.accessTokenTtl()));
        String accessToken = accessToken(session, user, spec);
        if (refreshToken != null) {
            refreshTokens.insert(
                    new RefreshTokenRepository.RefreshToken(
                            secrets.hash(refreshToken),
                            session,
                            client.clientId(),
                            user,
                            scopes,
                            spec.tokenId(),
                            now,
                            OffsetDateTime.ofInstant(spec.expiresAt(), now.getOffset()),
                            now.plusSeconds(client.refreshTokenTtl()),
                            null,
                            null,
                            null),
                    now);
        }
        return new TokenResponse(accessToken, "Bearer", client.accessTokenTtl(), refreshToken, scopes);
    }

    /** The pair a refresh token was issued with, again: the same refresh token and an equal access token. */
    TokenResponse reissue(
            OAuthClientRepository.Client client,
            RefreshTokenRepository.RefreshToken stored,
            String refreshToken,
            OffsetDateTime now) {
        var spec = new DelegatedAccess.TokenSpec(
                client.clientId(),
                scopeSet(stored.scopes()),
                stored.accessJti(),
                stored.accessIssuedAt().toInstant(),
                stored.accessExpiresAt().toInstant());
        String accessToken = accessToken(stored.sessionId(), stored.userId(), spec);
        long expiresIn =
                Math.max(0, Duration.between(now.toInstant(), spec.expiresAt()).toSeconds());
        return new TokenResponse(accessToken, "Bearer", expiresIn, refreshToken, stored.scopes());
    }

    String newRefreshToken() {
        return secrets.generate(REFRESH_PREFIX, 32);
    }

    private String accessToken(UUID session, UUID user, DelegatedAccess.TokenSpec spec) {
        return access.accessToken(session, user, spec)
                .orElseThrow(
                        () -> OAuthError.of(
                                OAuthError.INVALID_GRANT,
                                "The grant is no longer valid: it was revoked, or the user can no longer act in its organization"));
    }

    static Set<String> scopeSet(String scopes) {
        return scopes.isBlank() ? Set.of() : Set.of(scopes.split(" "));
    }
}
