package org.gauzy.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Gauzy's {@code /api/oauth/clients}: every field validated, the secret shown once and stored as a hash. */
abstract class OAuthClientRegistryTests extends ApiTest {

    static final String ACTIVEPIECES_REDIRECT = "https://cloud.activepieces.com/redirect";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OAuthClients registry;

    Account admin;

    @BeforeEach
    void tenant() {
        admin = accounts.onboard("oauth");
    }

    Api.Response create(Account account, Map<String, Object> fields) {
        var body = new HashMap<String, Object>(
                Map.of("name", "Activepieces", "redirectUris", List.of(ACTIVEPIECES_REDIRECT)));
        body.putAll(fields);
        return api.post("/api/oauth/clients").token(account.token()).json(body).send();
    }

    @Test
    void theSecretIsShownOnceAndStoredOnlyAsItsHash() {
        var created = create(admin, Map.of("description", "Our automations"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        JsonNode client = created.body();
        String secret = client.path("clientSecret").asString();
        assertThat(client.path("clientId").asString()).startsWith("gauzy_").hasSizeGreaterThan(30);
        assertThat(secret).startsWith("gzcs_").hasSizeGreaterThanOrEqualTo(43);
        assertThat(client.path("clientType").asString()).isEqualTo("confidential");
        assertThat(client.path("allowedScopes").toString()).isEqualTo("[\"gauzy:all\"]");
        assertThat(client.path("allowedGrantTypes").toString()).isEqualTo("[\"authorization_code\",\"refresh_token\"]");
        assertThat(client.path("pkceRequired").asBoolean()).isFalse();
        assertThat(client.path("accessTokenTtl").asInt()).isEqualTo(3600);
        assertThat(client.path("tenantId").asString())
                .isEqualTo(admin.tenantId().toString());

        String stored = jdbc.sql("select client_secret_hash from oauth_client where client_id = :id")
                .param("id", client.path("clientId").asString())
                .query(String.class)
                .single();
        assertThat(stored).hasSize(64).doesNotContain(secret);
        String id = client.path("id").asString();
        assertThat(api.get("/api/oauth/clients/" + id)
                        .token(admin.token())
                        .send()
                        .text())
                .doesNotContain("clientSecret");
        assertThat(api.get("/api/oauth/clients").token(admin.token()).send().text())
                .doesNotContain("clientSecret")
                .doesNotContain(secret);
        assertThat(registry.authenticate(client.path("clientId").asString(), secret))
                .isPresent();
        assertThat(registry.authenticate(client.path("clientId").asString(), secret + "x"))
                .isEmpty();
    }

    @Test
    void everyFieldIsValidated() {
        assertRefused(create(admin, Map.of("redirectUris", List.of("http://app.example.com/cb"))), "https");
        assertRefused(create(admin, Map.of("redirectUris", List.of("https://app.example.com/cb#frag"))), "fragment");
        assertRefused(create(admin, Map.of("redirectUris", List.of("https://*.example.com/cb"))), "wildcard");
        assertRefused(create(admin, Map.of("redirectUris", List.of("/relative"))), "absolute");
        for (String port : List.of("http://localhost:0/cb", "http://localhost:99999999/cb", "http://127.0.0.1:/cb")) {
            assertRefused(create(admin, Map.of("redirectUris", List.of(port))), "port from 1 to 65535");
        }
        assertRefused(create(admin, Map.of("redirectUris", List.of())), "redirectUris");
        assertRefused(create(admin, Map.of("allowedScopes", List.of("admin:everything"))), "tasks:read");
        assertRefused(create(admin, Map.of("allowedGrantTypes", List.of("client_credentials"))), "not supported");
        assertRefused(create(admin, Map.of("allowedGrantTypes", List.of("refresh_token"))), "authorization_code");
        assertRefused(create(admin, Map.of("accessTokenTtl", 30)), "accessTokenTtl");
        assertRefused(create(admin, Map.of("refreshTokenTtl", 10_000_000)), "refreshTokenTtl");
        assertRefused(create(admin, Map.of("clientType", "spa")), "clientType");
        assertRefused(create(admin, Map.of("name", " ")), "name");
        assertThat(create(admin, Map.of("redirectUris", List.of("http://localhost:8080/cb", "http://127.0.0.1/cb")))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aPublicClientHasNoSecretAndAlwaysRequiresPkce() {
        var created = create(admin, Map.of("clientType", "public", "pkceRequired", false));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().has("clientSecret")).isFalse();
        assertThat(created.body().path("pkceRequired").asBoolean()).isTrue();
        String id = created.body().path("id").asString();
        assertThat(api.post("/api/oauth/clients/" + id + "/rotate-secret")
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(400);
        assertThat(api.patch("/api/oauth/clients/" + id)
                        .token(admin.token())
                        .json(Map.of("pkceRequired", false))
                        .send()
                        .body()
                        .path("pkceRequired")
                        .asBoolean())
                .isTrue();
        assertThat(registry.authenticate(created.body().path("clientId").asString(), null))
                .isPresent();
    }

    @Test
    void updateChangesOnlyWhatIsSentAndDeactivationStopsAuthentication() {
        var created = create(admin, Map.of("description", "first"));
        String id = created.body().path("id").asString();
        String clientId = created.body().path("clientId").asString();
        String secret = created.body().path("clientSecret").asString();
        var renamed = api.patch("/api/oauth/clients/" + id)
                .token(admin.token())
                .json(Map.of("name", "Activepieces Cloud", "accessTokenTtl", 900))
                .send();
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body().path("name").asString()).isEqualTo("Activepieces Cloud");
        assertThat(renamed.body().path("description").asString()).isEqualTo("first");
        assertThat(renamed.body().path("accessTokenTtl").asInt()).isEqualTo(900);
        assertThat(renamed.body().path("redirectUris").get(0).asString()).isEqualTo(ACTIVEPIECES_REDIRECT);
        assertRefused(
                api.patch("/api/oauth/clients/" + id)
                        .token(admin.token())
                        .json(Map.of("redirectUris", List.of("ftp://x")))
                        .send(),
                "https");

        api.patch("/api/oauth/clients/" + id)
                .token(admin.token())
                .json(Map.of("isActive", false))
                .send();
        assertThat(registry.authenticate(clientId, secret)).isEmpty();
    }

    @Test
    void rotatingReplacesTheSecretAndDeletingRemovesTheClient() {
        var created = create(admin, Map.of());
        String id = created.body().path("id").asString();
        String clientId = created.body().path("clientId").asString();
        String old = created.body().path("clientSecret").asString();
        var rotated = api.post("/api/oauth/clients/" + id + "/rotate-secret")
                .token(admin.token())
                .send();
        assertThat(rotated.status()).isEqualTo(200);
        String fresh = rotated.body().path("clientSecret").asString();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(registry.authenticate(clientId, old)).isEmpty();
        assertThat(registry.authenticate(clientId, fresh))
                .hasValueSatisfying(c -> assertThat(c.tokensValidAfter()).isAfterOrEqualTo(c.createdAt()));

        assertThat(api.delete("/api/oauth/clients/" + id)
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/oauth/clients/" + id)
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(registry.authenticate(clientId, fresh)).isEmpty();
    }

    @Test
    void anotherTenantAndAnEmployeeCannotReachTheClient() {
        String id = create(admin, Map.of()).body().path("id").asString();
        Account other = accounts.onboard("oauth-other");
        Account employee = accounts.addUser(admin, "EMPLOYEE");
        for (Account stranger : List.of(other, employee)) {
            int expected = stranger == other ? 404 : 403;
            assertThat(api.get("/api/oauth/clients/" + id)
                            .token(stranger.token())
                            .send()
                            .status())
                    .isEqualTo(expected);
            assertThat(api.patch("/api/oauth/clients/" + id)
                            .token(stranger.token())
                            .json(Map.of("name", "x"))
                            .send()
                            .status())
                    .isEqualTo(expected);
            assertThat(api.post("/api/oauth/clients/" + id + "/rotate-secret")
                            .token(stranger.token())
                            .send()
                            .status())
                    .isEqualTo(expected);
            assertThat(api.delete("/api/oauth/clients/" + id)
                            .token(stranger.token())
                            .send()
                            .status())
                    .isEqualTo(expected);
        }
        assertThat(api.get("/api/oauth/clients").token(other.token()).send().text())
                .doesNotContain(id);
        assertThat(api.get("/api/oauth/clients").token(employee.token()).send().status())
                .isEqualTo(403);
        assertThat(create(employee, Map.of()).status()).isEqualTo(403);
        Account tenantAdmin = accounts.addUser(admin, "ADMIN");
        assertThat(api.get("/api/oauth/clients/" + id)
                        .token(tenantAdmin.token())
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void onlyOperatorsCreateAndSeeGlobalClientsIncludingTheConfiguredOne() {
        var refused = create(admin, Map.of("global", true));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.message()).contains("operator");

        Account operator = accounts.onboard("operator", "operator@example.test");
        var global = create(operator, Map.of("global", true, "name", "SaaS Activepieces"));
        assertThat(global.status()).as(global.text()).isEqualTo(201);
        assertThat(global.body().path("isGlobal").asBoolean()).isTrue();
        assertThat(global.body().path("tenantId").isMissingNode()
                        || global.body().path("tenantId").isNull())
                .isTrue();

        String operatorList = api.get("/api/oauth/clients?take=100")
                .token(operator.token())
                .send()
                .text();
        assertThat(operatorList).contains("SaaS Activepieces").contains("gauzy_configured_test_client");
        String adminList = api.get("/api/oauth/clients?take=100")
                .token(admin.token())
                .send()
                .text();
        assertThat(adminList).doesNotContain("SaaS Activepieces").doesNotContain("gauzy_configured_test_client");
        assertThat(api.get("/api/oauth/clients/" + global.body().path("id").asString())
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(registry.authenticate(
                        "gauzy_configured_test_client", "configured-secret-0123456789abcdefghijklmnop"))
                .hasValueSatisfying(c -> assertThat(c.redirectUris()).containsExactly(ACTIVEPIECES_REDIRECT));
    }

    private static void assertRefused(Api.Response response, String messagePart) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.message()).contains(messagePart);
    }
}
