package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.TestDatabases;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Register, sign in, refresh, sign out and "me", over HTTP, on H2 and on PostgreSQL. */
abstract class SignInFlowTests extends ApiTest {

    @Test
    void bootstrapAdminSignsInAsSuperAdminOfTheFirstTenant() {
        var admin = accounts.login(TestDatabases.ADMIN_EMAIL, TestDatabases.ADMIN_PASSWORD);
        var me = api.get("/api/user/me").token(admin.token()).send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("user").path("role").path("name").asString()).isEqualTo("SUPER_ADMIN");
        assertThat(me.body().path("permissions").toString()).contains("INTEGRATION_ADD", "OAUTH_CLIENT_EDIT");
        assertThat(me.body().path("organizations")).hasSize(1);
    }

    @Test
    void loginAnswersUserTokenAndRefreshTokenWithGauzyClaims() {
        var owner = accounts.onboard("claims");
        var response = api.post("/api/auth/login")
                .json(Map.of("email", owner.email().toUpperCase(), "password", Accounts.PASSWORD))
                .send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        assertThat(response.body().path("user").has("passwordHash")).isFalse();
        assertThat(response.text()).doesNotContain("password");
        JsonNode claims = claims(response.body().path("token").asString());
        assertThat(claims.path("id").asString()).isEqualTo(owner.userId().toString());
        assertThat(claims.path("sub").asString()).isEqualTo(owner.userId().toString());
        assertThat(claims.path("tenantId").asString())
                .isEqualTo(owner.tenantId().toString());
        assertThat(claims.path("organizationId").asString())
                .isEqualTo(owner.organizationId().toString());
        assertThat(claims.path("role").asString()).isEqualTo("SUPER_ADMIN");
        assertThat(claims.path("exp").asLong()).isGreaterThan(claims.path("iat").asLong());
        assertThat(response.body().path("refresh_token").asString()).hasSizeGreaterThan(40);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        var owner = accounts.onboard("secret");
        var wrongPassword = api.post("/api/auth/login")
                .json(Map.of("email", owner.email(), "password", "not-the-password"))
                .send();
        var unknownEmail = api.post("/api/auth/login")
                .json(Map.of("email", Accounts.uniqueEmail("nobody"), "password", "not-the-password"))
                .send();
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.text()).isEqualTo(unknownEmail.text());
    }

    @Test
    void refreshIssuesANewPairAndTheOldRefreshTokenDies() {
        var owner = accounts.onboard("refresh");
        var refreshed = api.post("/api/auth/refresh-token")
                .json(Map.of("refresh_token", owner.refreshToken()))
                .send();
        assertThat(refreshed.status()).isEqualTo(200);
        String token = refreshed.body().path("token").asString();
        assertThat(api.get("/api/user/me").token(token).send().status()).isEqualTo(200);

        var replayed = api.post("/api/auth/refresh-token")
                .json(Map.of("refresh_token", owner.refreshToken()))
                .send();
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.message()).contains("sign in again");
    }

    @Test
    void aRefreshTokenPresentedAgainEndsItsWholeSession() {
        var owner = accounts.onboard("reuse");
        var other = accounts.login(owner.email(), Accounts.PASSWORD);
        var refreshed = api.post("/api/auth/refresh-token")
                .json(Map.of("refresh_token", owner.refreshToken()))
                .send();
        assertThat(refreshed.status()).isEqualTo(200);
        String newToken = refreshed.body().path("token").asString();
        String newRefresh = refreshed.body().path("refresh_token").asString();

        // Someone who copied the first refresh token presents it after its owner used it.
        var replayed = api.post("/api/auth/refresh-token")
                .json(Map.of("refresh_token", owner.refreshToken()))
                .send();
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.message()).contains("already used").contains("ended");

        assertThat(api.get("/api/user/me").token(newToken).send().status())
                .as("the session's access token")
                .isEqualTo(401);
        assertThat(api.post("/api/auth/refresh-token")
                        .json(Map.of("refresh_token", newRefresh))
                        .send()
                        .status())
                .as("the session's newest refresh token")
                .isEqualTo(401);
        assertThat(api.get("/api/user/me").token(other.token()).send().status())
                .as("another session of the user")
                .isEqualTo(200);
    }

    @Test
    void passwordsAnAttackerTriesFirstAreRefused() {
        String email = Accounts.uniqueEmail("weak");
        for (String weak : new String[] {
            "short",
            "Password123",
            "qwertyuiop",
            "P@ssw0rd!",
            "aaaaaaaaaa",
            "abcdefghij",
            "98765432",
            email,
            email.substring(0, email.indexOf('@')),
            "WELCOME123"
        }) {
            var refused = api.post("/api/auth/register")
                    .json(Map.of("user", Map.of("email", email), "password", weak, "confirmPassword", weak))
                    .send();
            assertThat(refused.status()).as(weak).isEqualTo(400);
            assertThat(refused.message()).as(weak).contains("password");
        }
        var admin = accounts.login(TestDatabases.ADMIN_EMAIL, TestDatabases.ADMIN_PASSWORD);
        var added = api.post("/api/user")
                .token(admin.token())
                .json(Map.of(
                        "user",
                        Map.of("email", Accounts.uniqueEmail("weak-added"), "firstName", "W", "lastName", "U"),
                        "password",
                        "sunshine1",
                        "role",
                        "EMPLOYEE",
                        "organizationIds",
                        java.util.List.of(admin.organizationId())))
                .send();
        assertThat(added.status())
                .as("an admin adding a user is held to the same rule")
                .isEqualTo(400);
        assertThat(added.message()).contains("commonly used");
        assertThat(api.post("/api/auth/register")
                        .json(Map.of(
                                "user",
                                Map.of("email", email),
                                "password",
                                "violet lamp orbit",
                                "confirmPassword",
                                "violet lamp orbit"))
                        .send()
                        .status())
                .as("a few unrelated words")
                .isEqualTo(201);
    }

    @Test
    void logoutKillsTheAccessTokenAndTheRefreshTokenAtOnce() {
        var owner = accounts.onboard("logout");
        assertThat(api.get("/api/user/me").token(owner.token()).send().status()).isEqualTo(200);
        assertThat(api.post("/api/auth/logout").token(owner.token()).send().status())
                .isEqualTo(204);

        var after = api.get("/api/user/me").token(owner.token()).send();
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(after.body().path("statusCode").asInt()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh-token")
                        .json(Map.of("refresh_token", owner.refreshToken()))
                        .send()
                        .status())
                .isEqualTo(401);
    }

    @Test
    void anotherSessionOfTheSameUserSurvivesLogout() {
        var owner = accounts.onboard("sessions");
        var second = accounts.login(owner.email(), Accounts.PASSWORD);
        api.post("/api/auth/logout").token(owner.token()).send();
        assertThat(api.get("/api/user/me").token(second.token()).send().status())
                .isEqualTo(200);
    }

    @Test
    void aForgedOrTamperedTokenIsRefused() {
        var owner = accounts.onboard("forged");
        String[] parts = owner.token().split("\\.");
        String otherTenant = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(owner.tenantId().toString(), "00000000-0000-0000-0000-000000000001");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(otherTenant.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(api.get("/api/user/me").token(tampered).send().status()).isEqualTo(401);
        assertThat(api.get("/api/user/me")
                        .token(parts[0] + "." + parts[1] + ".")
                        .send()
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/user/me").send().message()).contains("Sign in first");
    }

    @Test
    void registeredUserWithoutTenantCanOnlyCreateOne() {
        String email = Accounts.uniqueEmail("newcomer");
        var registered = api.post("/api/auth/register")
                .json(Map.of(
                        "user",
                        Map.of("email", email, "firstName", "New", "lastName", "Comer"),
                        "password",
                        Accounts.PASSWORD,
                        "confirmPassword",
                        Accounts.PASSWORD))
                .send();
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.body().path("tenantId").isNull()).isTrue();
        var newcomer = accounts.login(email, Accounts.PASSWORD);

        var refused = api.get("/api/user").token(newcomer.token()).send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.message()).contains("POST /api/tenant");

        var tenant = api.post("/api/tenant")
                .token(newcomer.token())
                .json(Map.of("name", "Newcomer Ltd"))
                .send();
        assertThat(tenant.status()).isEqualTo(201);
        // The same token works at once: the context is read from the database, not the stale claims.
        var me = api.get("/api/user/me").token(newcomer.token()).send();
        assertThat(me.body().path("tenant").path("name").asString()).isEqualTo("Newcomer Ltd");
        assertThat(me.body().path("user").path("role").path("name").asString()).isEqualTo("SUPER_ADMIN");
        assertThat(api.post("/api/tenant")
                        .token(newcomer.token())
                        .json(Map.of("name", "Second"))
                        .send()
                        .status())
                .isEqualTo(409);
    }

    @Test
    void registrationValidatesAndNamesTheField() {
        var mismatch = api.post("/api/auth/register")
                .json(Map.of(
                        "user",
                        Map.of("email", Accounts.uniqueEmail("mismatch")),
                        "password",
                        Accounts.PASSWORD,
                        "confirmPassword",
                        "Something-else-1"))
                .send();
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.message()).contains("confirmPassword");

        var badEmail = api.post("/api/auth/register")
                .json(Map.of(
                        "user",
                        Map.of("email", "not-an-email"),
                        "password",
                        Accounts.PASSWORD,
                        "confirmPassword",
                        Accounts.PASSWORD))
                .send();
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.message()).contains("user.email");

        var shortPassword = api.post("/api/auth/register")
                .json(Map.of(
                        "user",
                        Map.of("email", Accounts.uniqueEmail("short")),
                        "password",
                        "short",
                        "confirmPassword",
                        "short"))
                .send();
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.message()).contains("password");

        var owner = accounts.onboard("taken");
        var taken = api.post("/api/auth/register")
                .json(Map.of(
                        "user",
                        Map.of("email", owner.email()),
                        "password",
                        Accounts.PASSWORD,
                        "confirmPassword",
                        Accounts.PASSWORD))
                .send();
        assertThat(taken.status()).isEqualTo(409);
    }

    @Test
    void malformedJsonAndWrongTypesAreClearBadRequests() {
        var malformed = api.post("/api/auth/login").json("{\"email\": ").send();
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.message()).contains("not valid JSON");

        var owner = accounts.onboard("types");
        var wrongType = api.post("/api/user-organization")
                .token(owner.token())
                .json(Map.of(
                        "userId", 42, "organizationId", owner.organizationId().toString()))
                .send();
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.message()).contains("userId");

        var unknownFields = api.post("/api/auth/login")
                .json(Map.of("email", owner.email(), "password", Accounts.PASSWORD, "version", "1.0.1"))
                .send();
        assertThat(unknownFields.status()).as("unknown fields are ignored").isEqualTo(200);
    }

    @Test
    void unknownRouteIsA404InGauzyShape() {
        var owner = accounts.onboard("routes");
        var response = api.get("/api/no-such-thing").token(owner.token()).send();
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().path("error").asString()).isEqualTo("Not Found");
    }

    private JsonNode claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return api.json().readTree(payload);
    }
}
