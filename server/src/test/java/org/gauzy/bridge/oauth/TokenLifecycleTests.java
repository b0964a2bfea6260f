package org.gauzy.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.OAuthBrowser;
import org.gauzy.bridge.support.OAuthGrants.Client;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Codes, tokens and refresh families: single use, binding, PKCE, rotation, revocation and introspection. */
abstract class TokenLifecycleTests extends OAuthTenantTest {

    @Override
    String label() {
        return "tokens";
    }

    int me(String accessToken) {
        return api.get("/api/user/me").token(accessToken).send().status();
    }

    @Test
    void aCodeWorksOnceAndItsReplayRevokesWhatItProduced() {
        String code = code(admin, pieceRequest(client, "s"));
        var first = exchange(client, code);
        assertThat(first.status()).isEqualTo(200);
        String accessToken = first.body().path("access_token").asString();
        assertThat(me(accessToken)).isEqualTo(200);

        assertOAuthError(exchange(client, code), 400, "invalid_grant");
        assertThat(me(accessToken)).as("replay revokes the access token").isEqualTo(401);
        assertOAuthError(refresh(client, first.body().path("refresh_token").asString()), 400, "invalid_grant");
        assertThat(jdbc.sql("select count(*) from oauth_code where code_hash = :code")
                        .param("code", code)
                        .query(Long.class)
                        .single())
                .as("stored by hash only")
                .isZero();
    }

    @Test
    void twoParallelRedemptionsOfOneCode_exactlyOneSucceeds() throws Exception {
        for (int round = 0; round < 3; round++) {
            String code = code(admin, pieceRequest(client, "s"));
            var start = new CountDownLatch(1);
            var pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Api.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Callable<Api.Response> redeem = () -> {
                        start.await();
                        return exchange(client, code);
                    };
                    answers.add(pool.submit(redeem));
                }
                start.countDown();
                int succeeded = 0;
                for (var answer : answers) {
                    var response = answer.get();
                    if (response.status() == 200) {
                        succeeded++;
                    } else {
                        assertOAuthError(response, 400, "invalid_grant");
                    }
                }
                assertThat(succeeded).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aCodeIsBoundToItsClientRedirectAndLifetime() {
        var other = register(admin);
        String code = code(admin, pieceRequest(client, "s"));
        assertOAuthError(exchange(other, code), 400, "invalid_grant");
        assertOAuthError(exchange(client, code, "redirect_uri", REDIRECT + "/other"), 400, "invalid_grant");
        assertOAuthError(exchange(client, code, "redirect_uri", null), 400, "invalid_request");
        assertThat(exchange(client, code).status())
                .as("failed attempts do not burn it")
                .isEqualTo(200);

        String late = code(admin, pieceRequest(client, "s"));
        jdbc.sql("update oauth_code set expires_at = created_at where code_hash = :hash")
                .param("hash", sha256(late))
                .update();
        assertOAuthError(exchange(client, late), 400, "invalid_grant");
        assertOAuthError(exchange(client, "made-up-code"), 400, "invalid_grant");
        assertThat(jdbc.sql("select max(expires_at) > max(created_at) from oauth_code")
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void pkceIsEnforcedWhenAChallengeWasSentAndCannotBeDowngraded() {
        String verifier = "v".repeat(20) + "-._~" + "Z".repeat(25);
        String challenge = AuthorizationCodes.s256(verifier);
        var withPkce = with(pieceRequest(client, "s"), "code_challenge", challenge, "code_challenge_method", "S256");
        String code = code(admin, withPkce);
        assertOAuthError(exchange(client, code), 400, "invalid_grant");
        assertOAuthError(exchange(client, code, "code_verifier", verifier + "x"), 400, "invalid_grant");
        assertThat(exchange(client, code, "code_verifier", verifier).status()).isEqualTo(200);

        var browser = new OAuthBrowser(api);
        var reused = browser.open(withPkce);
        assertThat(reused.status()).isEqualTo(303);
        assertThat(reused.header("Location")).contains("error=invalid_request").contains("already%20used");

        String plainCode = code(admin, pieceRequest(client, "s"));
        assertOAuthError(exchange(client, plainCode, "code_verifier", verifier), 400, "invalid_grant");
    }

    @Test
    void clientAuthenticationIsCheckedAndThrottled() {
        String code = code(admin, pieceRequest(client, "s"));
        assertOAuthError(exchange(client, code, "client_secret", "wrong"), 401, "invalid_client");
        assertOAuthError(exchange(client, code, "client_secret", null), 401, "invalid_client");
        String basic =
                Base64.getEncoder().encodeToString((client.clientId() + ":wrong").getBytes(StandardCharsets.UTF_8));
        var badBasic = api.post(TOKEN)
                .header("Authorization", "Basic " + basic)
                .form(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT))
                .send();
        assertOAuthError(badBasic, 401, "invalid_client");
        assertThat(badBasic.header("WWW-Authenticate")).startsWith("Basic");
        String good = Base64.getEncoder()
                .encodeToString((client.clientId() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
        var both = api.post(TOKEN)
                .header("Authorization", "Basic " + good)
                .form(Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        REDIRECT,
                        "client_secret",
                        client.secret()))
                .send();
        assertOAuthError(both, 400, "invalid_request");
        assertOAuthError(
                post(TOKEN, client, "grant_type", "password", "username", "u", "password", "p"),
                400,
                "unsupported_grant_type");
        assertOAuthError(post(TOKEN, client, "grant_type", "client_credentials"), 400, "unsupported_grant_type");

        var target = register(admin);
        for (int i = 0; i < 10; i++) {
            assertOAuthError(
                    post(
                            TOKEN,
                            new Client(target.id(), target.clientId(), "guess-" + i),
                            "grant_type",
                            "refresh_token",
                            "refresh_token",
                            "x"),
                    401,
                    "invalid_client");
        }
        var blocked = post(TOKEN, target, "grant_type", "refresh_token", "refresh_token", "x");
        assertOAuthError(blocked, 429, "temporarily_unavailable");
        assertThat(Integer.parseInt(blocked.header("Retry-After"))).isPositive();
        assertThat(exchange(client, code).status())
                .as("other clients are not affected")
                .isEqualTo(200);
    }

    @Test
    void refreshRotatesAndAConcurrentRepeatGetsTheSameSuccessor() {
        JsonNode first = tokens(admin, client);
        String rt1 = first.path("refresh_token").asString();
        var second = refresh(client, rt1);
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        assertThat(second.header("Cache-Control")).contains("no-store");
        String rt2 = second.body().path("refresh_token").asString();
        assertThat(rt2).isNotEqualTo(rt1).startsWith("gzrt_");
        assertThat(me(second.body().path("access_token").asString())).isEqualTo(200);
        assertThat(claims(second.body().path("access_token").asString())
                        .path("organizationId")
                        .asString())
                .isEqualTo(admin.organizationId().toString());

        var repeat = refresh(client, rt1);
        assertThat(repeat.status()).as("within the grace window").isEqualTo(200);
        assertThat(repeat.body().path("refresh_token").asString()).isEqualTo(rt2);
        assertThat(claims(repeat.body().path("access_token").asString())
                        .path("jti")
                        .asString())
                .isEqualTo(claims(second.body().path("access_token").asString())
                        .path("jti")
                        .asString());
        assertThat(refresh(client, rt2).status()).isEqualTo(200);
        assertOAuthError(refresh(register(admin), rt2), 400, "invalid_grant");
        assertOAuthError(
                post(TOKEN, client, "grant_type", "refresh_token", "refresh_token", rt2, "scope", "tasks:read"),
                400,
                "invalid_scope");
    }

    @Test
    void parallelRefreshesWithOneTokenAllGetTheSamePair() throws Exception {
        String rt = tokens(admin, client).path("refresh_token").asString();
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return refresh(client, rt);
                }));
            }
            start.countDown();
            var successors = new java.util.HashSet<String>();
            for (var answer : answers) {
                var response = answer.get();
                assertThat(response.status()).as(response.text()).isEqualTo(200);
                successors.add(response.body().path("refresh_token").asString());
            }
            assertThat(successors).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reuseOutsideTheGraceWindowRevokesTheWholeFamily() {
        JsonNode first = tokens(admin, client);
        String rt1 = first.path("refresh_token").asString();
        var second = refresh(client, rt1).body();
        jdbc.sql("update oauth_refresh_token set used_at = used_at - interval '5' minute where token_hash = :hash")
                .param("hash", sha256(rt1))
                .update();
        assertOAuthError(refresh(client, rt1), 400, "invalid_grant");
        assertOAuthError(refresh(client, second.path("refresh_token").asString()), 400, "invalid_grant");
        assertThat(me(second.path("access_token").asString())).isEqualTo(401);
        assertThat(me(first.path("access_token").asString())).isEqualTo(401);
    }

    @Test
    void aGrantExpiresAfterInactivity() {
        String rt = tokens(admin, client).path("refresh_token").asString();
        jdbc.sql("update oauth_refresh_token set expires_at = created_at where token_hash = :hash")
                .param("hash", sha256(rt))
                .update();
        assertOAuthError(refresh(client, rt), 400, "invalid_grant");
    }

    @Test
    void revokingAnAccessTokenKillsItAloneAndARefreshTokenTheWholeGrant() {
        JsonNode tokens = tokens(admin, client);
        String at = tokens.path("access_token").asString();
        var other = register(admin);
        assertThat(post(REVOKE, other, "token", at).status())
                .as("another client's token: a silent no-op")
                .isEqualTo(200);
        assertThat(me(at)).isEqualTo(200);

        var revoked = post(REVOKE, client, "token", at, "token_type_hint", "access_token");
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(me(at)).isEqualTo(401);
        var refreshed = refresh(client, tokens.path("refresh_token").asString()).body();
        assertThat(me(refreshed.path("access_token").asString())).isEqualTo(200);

        assertThat(post(REVOKE, client, "token", refreshed.path("refresh_token").asString())
                        .status())
                .isEqualTo(200);
        assertThat(me(refreshed.path("access_token").asString())).isEqualTo(401);
        assertOAuthError(refresh(client, refreshed.path("refresh_token").asString()), 400, "invalid_grant");
        assertThat(post(REVOKE, client, "token", "unknown-token").status()).isEqualTo(200);
        assertOAuthError(
                post(REVOKE, new Client(client.id(), client.clientId(), "wrong"), "token", at), 401, "invalid_client");
    }

    @Test
    void introspectionAnswersOnlyTheOwningClient() {
        JsonNode tokens = tokens(admin, client);
        String at = tokens.path("access_token").asString();
        var active = post(INTROSPECT, client, "token", at);
        assertThat(active.status()).isEqualTo(200);
        assertThat(active.header("Cache-Control")).contains("no-store");
        assertThat(active.body().path("active").asBoolean()).isTrue();
        assertThat(active.body().path("client_id").asString()).isEqualTo(client.clientId());
        assertThat(active.body().path("scope").asString()).isEqualTo("gauzy:all");
        assertThat(active.body().path("sub").asString())
                .isEqualTo(admin.userId().toString());
        assertThat(active.body().path("iss").asString()).isEqualTo(issuer());
        assertThat(active.body().path("exp").asLong()).isPositive();
        assertThat(active.body().path("tenantId").asString())
                .isEqualTo(admin.tenantId().toString());
        var refreshToken = post(
                        INTROSPECT,
                        client,
                        "token",
                        tokens.path("refresh_token").asString())
                .body();
        assertThat(refreshToken.path("active").asBoolean()).isTrue();
        assertThat(refreshToken.path("token_type").asString()).isEqualTo("refresh_token");

        assertThat(post(INTROSPECT, register(admin), "token", at).text()).isEqualTo("{\"active\":false}");
        assertThat(post(INTROSPECT, client, "token", admin.token()).text())
                .as("a sign-in token is not a client's")
                .isEqualTo("{\"active\":false}");
        post(REVOKE, client, "token", at);
        assertThat(post(INTROSPECT, client, "token", at).text()).isEqualTo("{\"active\":false}");
    }

    @Test
    void metadataAndKeysDescribeTheServer() throws Exception {
        var metadata = api.get("/.well-known/oauth-authorization-server").send();
        assertThat(metadata.status()).isEqualTo(200);
        JsonNode m = metadata.body();
        String issuer = m.path("issuer").asString();
        assertThat(m.path("authorization_endpoint").asString())
                .isEqualTo(issuer + "/api/integration/ever-gauzy/oauth/authorize");
        assertThat(m.path("token_endpoint").asString()).isEqualTo(issuer + TOKEN);
        assertThat(m.path("revocation_endpoint").asString()).isEqualTo(issuer + REVOKE);
        assertThat(m.path("introspection_endpoint").asString()).isEqualTo(issuer + INTROSPECT);
        assertThat(m.path("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(m.path("response_types_supported").toString()).isEqualTo("[\"code\"]");
        assertThat(m.path("authorization_response_iss_parameter_supported").asBoolean())
                .isTrue();
        assertThat(m.path("token_endpoint_auth_methods_supported").toString())
                .contains("client_secret_post")
                .contains("client_secret_basic");
        assertThat(m.path("grant_types_supported").toString())
                .doesNotContain("password")
                .doesNotContain("implicit");
        assertThat(api.get("/.well-known/oauth-authorization-server/other")
                        .send()
                        .status())
                .isEqualTo(404);

        String at = tokens(admin, client).path("access_token").asString();
        var jwks = JWKSet.parse(api.get("/.well-known/jwks.json").send().text());
        assertThat(jwks.getKeys()).hasSize(1);
        assertThat(jwks.getKeys().get(0).isPrivate()).isFalse();
        var jwt = SignedJWT.parse(at);
        assertThat(jwt.verify(new ECDSAVerifier(
                        (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID()))))
                .isTrue();
    }

    static String sha256(String value) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
