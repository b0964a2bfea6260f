package org.gauzy.bridge.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.gauzy.bridge.identity.DelegatedAccess;
import org.gauzy.bridge.platform.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The authorization code grant: a code for a consented request, and its exchange for tokens. A code
 * is 256 random bits stored by hash, redeemed by one conditional update (so of two racing exchanges
 * exactly one wins), and bound to everything the user consented to; presenting it again revokes the
 * grant it produced (RFC 6749 §4.1.2, RFC 9700 §4.2.4).
 */
@Service
class AuthorizationCodes {

    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");
    private static final String UNUSABLE =
            "The authorization code is invalid, expired or already used; start the authorization again";

    private final CodeRepository codes;
    private final DelegatedAccess access;
    private final TokenIssuer issuer;
    private final SecretTokens secrets;
    private final OAuthSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AuthorizationCodes(
            CodeRepository codes,
            DelegatedAccess access,
            TokenIssuer issuer,
            SecretTokens secrets,
            OAuthSettings settings,
            TransactionTemplate transactions,
            Clock clock) {
        this.codes = codes;
        this.access = access;
        this.issuer = issuer;
        this.secrets = secrets;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A code for the request, which the user approved for the organization. */
    String issue(AuthorizationRequest request, UUID user, UUID organization) {
        String code = secrets.generate("", 32);
        OffsetDateTime now = OffsetDateTime.now(clock);
        codes.insert(
                new CodeRepository.Code(
                        secrets.hash(code),
                        request.client().clientId(),
                        request.redirectUri(),
                        user,
                        organization,
                        request.scopeString(),
                        request.codeChallenge(),
                        now.plus(settings.codeTtl()),
                        null,
                        null),
                now);
        return code;
    }

    TokenResponse exchange(
            OAuthClientRepository.Client client,
            @Nullable String code,
            @Nullable String redirectUri,
            @Nullable String verifier) {
        if (code == null || code.isBlank()) {
            throw OAuthError.of(OAuthError.INVALID_REQUEST, "code is required");
        }
        if (redirectUri == null) {
            throw OAuthError.of(
                    OAuthError.INVALID_REQUEST, "redirect_uri is required: send the one of the authorization request");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String hash = secrets.hash(code);
        var stored = codes.find(hash)
                .filter(c -> c.clientId().equals(client.clientId()))
                .orElseThrow(() -> OAuthError.of(OAuthError.INVALID_GRANT, UNUSABLE));
        if (stored.redeemedAt() != null) {
            throw replayed(stored);
        }
        if (!stored.expiresAt().isAfter(now)) {
            throw OAuthError.of(OAuthError.INVALID_GRANT, UNUSABLE);
        }
        if (!stored.redirectUri().equals(redirectUri)) {
            throw OAuthError.of(OAuthError.INVALID_GRANT, "redirect_uri does not match the authorization request");
        }
        verifyPkce(stored.codeChallenge(), verifier);
        UUID session = UUID.randomUUID();
        boolean refreshable = client.allowedGrantTypes().contains(ClientRules.REFRESH_TOKEN);
        Optional<TokenResponse> tokens = transactions.execute(tx -> {
            if (!codes.redeem(hash, session, now)) {
                return Optional.empty();
            }
            Instant grantEnds =
                    now.toInstant().plusSeconds(refreshable ? client.refreshTokenTtl() : client.accessTokenTtl());
            access.open(
                    session,
                    new DelegatedAccess.Grant(
                            stored.userId(),
                            stored.organizationId(),
                            client.clientId(),
                            TokenIssuer.scopeSet(stored.scopes())),
                    grantEnds);
            return Optional.of(issuer.issue(
                    client,
                    session,
                    stored.userId(),
                    stored.scopes(),
                    refreshable ? issuer.newRefreshToken() : null,
                    now));
        });
        // Empty: another exchange redeemed it a moment ago, and this one is a replay.
        return tokens.orElseThrow(() -> replayed(codes.find(hash).orElse(stored)));
    }

    private OAuthError replayed(CodeRepository.Code stored) {
        if (stored.sessionId() != null) {
            access.revoke(stored.sessionId());
        }
        return OAuthError.of(
                OAuthError.INVALID_GRANT,
                "The authorization code was already used; the tokens issued"
                        + " for it are revoked. Start the authorization again.");
    }

    /** RFC 7636 §4.6, and no downgrade: a verifier without a challenge is refused too (RFC 9700 §4.8.2). */
    private static void verifyPkce(@Nullable String challenge, @Nullable String verifier) {
        if (challenge == null) {
            if (verifier != null) {
                throw OAuthError.of(
                        OAuthError.INVALID_GRANT,
                        "code_verifier was sent, but the authorization request had no code_challenge");
            }
            return;
        }
        if (verifier == null) {
            throw OAuthError.of(
                    OAuthError.INVALID_GRANT,
                    "code_verifier is required: the authorization request sent a code_challenge");
        }
        if (!VERIFIER.matcher(verifier).matches()
                || !MessageDigest.isEqual(
                        s256(verifier).getBytes(StandardCharsets.US_ASCII),
                        challenge.getBytes(StandardCharsets.US_ASCII))) {
            throw OAuthError.of(OAuthError.INVALID_GRANT, "code_verifier does not match the code_challenge");
        }
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
