package org.gauzy.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call what: API keys, user tokens, no header, and project access across platforms. */
class AuthenticationTests {

    static ActivepiecesSandbox ap;
    static Client client;

    @BeforeAll
    static void start() {
        ap = ActivepiecesSandbox.builder()
                .user("owner@ap.test", "owner-password")
                .start();
        client = new Client(ap.baseUrl());
    }

    @AfterAll
    static void stop() {
        ap.close();
    }

    String list() {
        return "/api/v1/app-connections?projectId=" + ap.seed().projectId();
    }

    @Test
    void apiKeyOfThePlatformIsAccepted() {
        var response = client.get(list(), ap.seed().apiKey());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("data").isArray()).isTrue();
        assertThat(response.header("x-request-id")).matches("req_[0-9A-Za-z]{21}");
    }

    @Test
    void unknownApiKeyIs401Authentication() {
        var response = client.get(list(), "sk-" + "x".repeat(61));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().toString())
                .isEqualTo("{\"code\":\"AUTHENTICATION\",\"params\":{\"message\":\"invalid api key\"}}");
    }

    @Test
    void noHeaderIs403Authorization() {
        var response = client.get(list(), null);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body().path("code").asString()).isEqualTo("AUTHORIZATION");
        assertThat(response.body().path("params").path("message").asString())
                .isEqualTo("principal is not allowed for this route");
    }

    @Test
    void signInIssuesAUserTokenThatWorks() {
        var signIn = client.post(
                "/api/v1/authentication/sign-in", null, Map.of("email", "owner@ap.test", "password", "owner-password"));
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.body().path("projectId").asString())
                .isEqualTo(ap.seed().projectId());
        assertThat(signIn.body().path("platformRole").asString()).isEqualTo("ADMIN");
        String token = signIn.body().path("token").asString();
        assertThat(client.get(list(), token).status()).isEqualTo(200);

        var wrong = client.post(
                "/api/v1/authentication/sign-in", null, Map.of("email", "owner@ap.test", "password", "nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().path("code").asString()).isEqualTo("INVALID_CREDENTIALS");
    }

    @Test
    void badOrExpiredUserTokenIs401InvalidBearerToken() {
        String expired = ap.userToken("owner@ap.test", Duration.ofSeconds(-5));
        for (String token : new String[] {expired, "eyJhbGciOiJIUzI1NiJ9.e30.bad", "not-a-jwt"}) {
            var response = client.get(list(), token);
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.body().path("code").asString()).isEqualTo("INVALID_BEARER_TOKEN");
        }
        String valid = ap.ownerToken();
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA";
        assertThat(client.get(list(), forged).status()).isEqualTo(401);
    }

    @Test
    void unknownProjectIs404AndAnotherPlatformsProjectIs403() {
        var unknown = client.get(
                "/api/v1/app-connections?projectId=Zz9zZz9zZz9zZz9zZz9zZ",
                ap.seed().apiKey());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("code").asString()).isEqualTo("ENTITY_NOT_FOUND");
        assertThat(unknown.body().path("params").path("entityType").asString()).isEqualTo("project");

        Seed other = ap.addPlatform(null, null);
        var foreign = client.get(
                "/api/v1/app-connections?projectId=" + other.projectId(),
                ap.seed().apiKey());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body().path("params").path("message").asString())
                .isEqualTo("Service is not allowed to access this project");
        assertThat(client.get(
                                "/api/v1/app-connections?projectId=" + other.projectId(),
                                ap.userToken(ap.seed().userEmail(), Duration.ofHours(1)))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void projectsAreListedCreatedAndUpdated() {
        var created = client.post(
                "/api/v1/projects",
                ap.seed().apiKey(),
                Map.of("displayName", "Gauzy tenant", "externalId", "gauzy-tenant-abc"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asString();
        assertThat(client.post(
                                "/api/v1/projects",
                                ap.seed().apiKey(),
                                Map.of("displayName", "Again", "externalId", "gauzy-tenant-abc"))
                        .body()
                        .path("code")
                        .asString())
                .isEqualTo("PROJECT_EXTERNAL_ID_ALREADY_EXISTS");
        var byExternal = client.get(
                "/api/v1/projects?externalId=gauzy-tenant-abc", ap.seed().apiKey());
        assertThat(byExternal.body().path("data")).hasSize(1);
        assertThat(byExternal.body().path("data").get(0).path("id").asString()).isEqualTo(id);
        var renamed = client.post("/api/v1/projects/" + id, ap.seed().apiKey(), Map.of("displayName", "Renamed"));
        assertThat(renamed.body().path("displayName").asString()).isEqualTo("Renamed");
        assertThat(client.get("/api/v1/projects/" + id, ap.seed().apiKey())
                        .body()
                        .path("plan")
                        .isObject())
                .isTrue();
    }

    @Test
    void malformedBodyIsRefusedBeforeAuthentication() {
        var response = client.send("POST", "/api/v1/app-connections", null, "{not json");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("code").asString()).isEqualTo("FST_ERR_CTP_INVALID_JSON_BODY");
    }

    @Test
    void unknownRouteIsFastifysRouteNotFound() {
        var response = client.get("/api/v1/no-such-route", ap.seed().apiKey());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().toString())
                .isEqualTo("{\"statusCode\":404,\"error\":\"Not Found\",\"message\":\"Route not found\"}");
    }
}
