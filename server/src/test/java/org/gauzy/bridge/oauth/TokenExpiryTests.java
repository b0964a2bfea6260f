package org.gauzy.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.MovableClock;
import org.gauzy.bridge.support.OAuthBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Tokens end when they say: a sign-in's and an app's access tokens are refused once expired (past the minute of
 * clock skew), on the service's clock, which the test moves instead of waiting; their refresh tokens still work.
 * And the public-client flow: no secret, PKCE required and checked.
 */
@Import(MovableClock.Config.class)
abstract class TokenExpiryTests extends OAuthTest {

    @Autowired
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aSignInsAccessTokenIsRefusedOnceExpiredAndItsRefreshTokenStillWorks() {
        Account owner = accounts.onboard("expiry-signin");
        assertThat(api.get("/api/user/me").token(owner.token()).send().status()).isEqualTo(200);

        clock.advance(Duration.ofDays(1).minusSeconds(30)); // within its lifetime and the skew
        assertThat(api.get("/api/user/me").token(owner.token()).send().status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(120));
        var expired = api.get("/api/user/me").token(owner.token()).send();
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.header("WWW-Authenticate")).contains("invalid_token");

        var refreshed = api.post("/api/auth/refresh-token")
                .json(Map.of("refresh_token", owner.refreshToken()))
                .send();
        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
        assertThat(api.get("/api/user/me")
                        .token(refreshed.body().path("token").asString())
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anAppsAccessTokenIsRefusedOnceExpiredAndItsRefreshTokenStillWorks() {
        Account owner = accounts.onboard("expiry-app");
        var client = register(owner, Map.of("accessTokenTtl", 300));
        var tokens = tokens(owner, client);
        String access = tokens.path("access_token").asString();
        assertThat(tokens.path("expires_in").asInt()).isEqualTo(300);
        assertThat(api.get("/api/tasks").token(access).send().status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(300 + 61));
        assertThat(api.get("/api/tasks").token(access).send().status()).isEqualTo(401);
        var introspected = post(INTROSPECT, client, "token", access);
        assertThat(introspected.body().path("active").asBoolean()).isFalse();

        var refreshed = refresh(client, tokens.path("refresh_token").asString());
        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
        assertThat(api.get("/api/tasks")
                        .token(refreshed.body().path("access_token").asString())
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aPublicClientHasNoSecretAndMustProveItsCodeWithPkce() throws Exception {
        Account owner = accounts.onboard("public-client");
        var client = register(owner, Map.of("clientType", "public"));
        assertThat(client.secret()).as("a public client gets no secret").isNull();

        // Without a challenge, a public client's request goes back to it with an error, before any sign-in.
        var withoutChallenge = new OAuthBrowser(api).open(pieceRequest(client, "no-pkce"));
        assertThat(withoutChallenge.status()).isBetween(302, 303);
        assertThat(withoutChallenge.header("Location")).startsWith(REDIRECT).contains("error=invalid_request");

        String[] wrong = pkce();
        String wrongCode = code(
                owner,
                with(pieceRequest(client, "pkce-1"), "code_challenge", wrong[1], "code_challenge_method", "S256"));
        assertOAuthError(
                exchange(client, wrongCode, "client_secret", null, "code_verifier", pkce()[0]), 400, "invalid_grant");
        String[] missing = pkce();
        String missingCode = code(
                owner,
                with(pieceRequest(client, "pkce-2"), "code_challenge", missing[1], "code_challenge_method", "S256"));
        assertOAuthError(exchange(client, missingCode, "client_secret", null), 400, "invalid_grant");

        String[] right = pkce();
        String rightCode = code(
                owner,
                with(pieceRequest(client, "pkce-3"), "code_challenge", right[1], "code_challenge_method", "S256"));
        var exchanged = exchange(client, rightCode, "client_secret", null, "code_verifier", right[0]);
        assertThat(exchanged.status()).as(exchanged.text()).isEqualTo(200);
        assertThat(api.get("/api/tasks")
                        .token(exchanged.body().path("access_token").asString())
                        .send()
                        .status())
                .isEqualTo(200);
    }

    /** A fresh PKCE verifier and its S256 challenge. */
    private static String[] pkce() throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        return new String[] {verifier, challenge};
    }
}
