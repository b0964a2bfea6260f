package org.gauzy.bridge.oauth;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.gauzy.bridge.identity.DelegatedAccess;
import org.gauzy.bridge.platform.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The refresh token grant, with rotation and reuse detection. Each refresh token works once and is
 * replaced by a successor. Automation platforms refresh from several jobs at once, so within a short
 * grace window a used token answers the same successor pair again instead of failing; outside it,
 * reuse means the token was copied, and the whole grant (every token of the family) is revoked.
 * A grant expires after {@code refreshTokenTtl} without a refresh.
 */
@Service
class RefreshGrant {

    private static final String UNUSABLE = "The refresh token is invalid or expired; authorize again";

    private final RefreshTokenRepository refreshTokens;
    private final DelegatedAccess access;
    private final TokenIssuer issuer;
    private final SuccessorSeal seal;
    private final SecretTokens secrets;
    private final OAuthSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RefreshGrant(
            RefreshTokenRepository refreshTokens,
            DelegatedAccess access,
            TokenIssuer issuer,
            SuccessorSeal seal,
            SecretTokens secrets,
            OAuthSettings settings,
            TransactionTemplate transactions,
            Clock clock) {
        this.refreshTokens = refreshTokens;
        this.access = access;
        this.issuer = issuer;
        this.seal = seal;
        this.secrets = secrets;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    TokenResponse refresh(OAuthClientRepository.Client client, @Nullable String refreshToken, @Nullable String scope) {
        if (!client.allowedGrantTypes().contains(ClientRules.REFRESH_TOKEN)) {
            throw OAuthError.of(OAuthError.UNAUTHORIZED_CLIENT, "This client may not use the refresh_token grant");
        }
        if (refreshToken == null || refreshToken.isBlank()) {
            throw OAuthError.of(OAuthError.INVALID_REQUEST, "refresh_token is required");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String hash = secrets.hash(refreshToken);
        var stored = refreshTokens
                .find(hash)
                .filter(t ->
                        t.clientId().equals(client.clientId()) && t.expiresAt().isAfter(now))
                .orElseThrow(() -> OAuthError.of(OAuthError.INVALID_GRANT, UNUSABLE));
        if (!client.allowedScopes().containsAll(TokenIssuer.scopeSet(stored.scopes()))) {
            // The client lost a scope this grant holds: the grant ends rather than outlive the client's rules.
            access.revoke(stored.sessionId());
            throw OAuthError.of(
                    OAuthError.INVALID_GRANT,
                    "This client may no longer use every scope of the grant; authorize again");
        }
        if (scope != null
                && !scope.isBlank()
                && !OAuthScope.normalize(TokenIssuer.scopeSet(scope.trim().replaceAll(" +", " ")))
                        .equals(stored.scopes())) {
            throw OAuthError.of(
                    OAuthError.INVALID_SCOPE,
                    "A refresh keeps the scopes of the grant (" + stored.scopes()
                            + "); omit scope or send exactly these");
        }
        if (stored.usedAt() == null) {
            Optional<TokenResponse> rotated = rotate(client, stored, refreshToken, now);
            if (rotated.isPresent()) {
                return rotated.get();
            }
            // A concurrent refresh rotated it a moment ago: answer as a repeat of that one.
            stored = refreshTokens.find(hash).orElseThrow(() -> OAuthError.of(OAuthError.INVALID_GRANT, UNUSABLE));
        }
        return repeated(client, stored, refreshToken, now);
    }

    /** Uses the token and issues its successor pair; empty when a concurrent refresh used it first. */
    private Optional<TokenResponse> rotate(
            OAuthClientRepository.Client client,
            RefreshTokenRepository.RefreshToken stored,
            String refreshToken,
            OffsetDateTime now) {
        String successor = issuer.newRefreshToken();
        return transactions.execute(tx -> {
            if (!refreshTokens.use(
                    stored.tokenHash(), secrets.hash(successor), seal.seal(successor, refreshToken), now)) {
                return Optional.empty();
            }
            if (!access.extend(stored.sessionId(), now.toInstant().plusSeconds(client.refreshTokenTtl()))) {
                throw OAuthError.of(OAuthError.INVALID_GRANT, UNUSABLE);
            }
            return Optional.of(
                    issuer.issue(client, stored.sessionId(), stored.userId(), stored.scopes(), successor, now));
        });
    }

    private TokenResponse repeated(
            OAuthClientRepository.Client client,
            RefreshTokenRepository.RefreshToken used,
            String refreshToken,
            OffsetDateTime now) {
        boolean withinGrace = used.usedAt() != null
                && !used.usedAt().plus(settings.refreshGrace()).isBefore(now);
        if (withinGrace && used.successorSealed() != null && used.successorHash() != null) {
            var successor = seal.open(used.successorSealed(), refreshToken);
            var next = refreshTokens.find(used.successorHash());
            if (successor.isPresent() && next.isPresent()) {
                return issuer.reissue(client, next.get(), successor.get(), now);
            }
        }
        access.revoke(used.sessionId());
        throw OAuthError.of(
                OAuthError.INVALID_GRANT,
                "This refresh token was already used, so it may have been"
                        + " copied: every token of this grant is revoked. Authorize again.");
    }
}
