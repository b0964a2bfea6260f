package org.gauzy.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.OAuthBrowser;
import org.gauzy.bridge.support.OAuthGrants.Client;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a client's token may do: only within its scopes, never beyond the user's own permissions, only
 * in the consented organization and tenant, and nothing at all once the user or an admin revokes it.
 */
abstract class DelegatedAccessTests extends OAuthTenantTest {

    @Override
    String label() {
        return "delegated";
    }

    @Override
    Map<String, Object> clientFields() {
        return Map.of("allowedScopes", List.of("gauzy:all", "tasks:read", "employees:read"));
    }

    String accessToken(Account user, Client c, String scope) {
        String code = code(user, with(pieceRequest(c, "s"), "scope", scope));
        var exchanged = exchange(c, code);
        assertThat(exchanged.status()).as(exchanged.text()).isEqualTo(200);
        return exchanged.body().path("access_token").asString();
    }

    @Test
    void aReadScopeCannotWrite() {
        String token = accessToken(admin, client, "tasks:read");
        String org = admin.organizationId().toString();
        assertThat(api.get("/api/tasks?organizationId=" + org)
                        .token(token)
                        .send()
                        .status())
                .isEqualTo(200);
        var write = api.post("/api/tasks")
                .token(token)
                .json(Map.of("title", "Nope", "organizationId", org))
                .send();
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.message()).contains("tasks:write");
        assertThat(api.get("/api/employee?where%5BorganizationId%5D=" + org)
                        .token(token)
                        .send()
                        .status())
                .as("another resource's scope")
                .isEqualTo(403);
        assertThat(api.get("/api/oauth/clients").token(token).send().status())
                .as("no scope covers it")
                .isEqualTo(403);

        String all = accessToken(admin, client, "gauzy:all");
        assertThat(api.post("/api/tasks")
                        .token(all)
                        .json(Map.of("title", "Yes", "organizationId", org))
                        .send()
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aTokenNeverReachesBeyondTheUsersOwnPermissions() {
        var employee = accounts.addUser(admin, "EMPLOYEE");
        var wide = register(admin);
        String token = accessToken(employee, wide, "gauzy:all");
        assertThat(api.get("/api/oauth/clients").token(token).send().status()).isEqualTo(403);
        assertThat(api.post("/api/organization")
                        .token(token)
                        .json(Map.of("name", "X"))
                        .send()
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aTokenActsOnlyInTheConsentedOrganization() {
        var second = accounts.addOrganization(admin, "Second");
        String token = accessToken(admin, client, "gauzy:all");
        assertThat(api.get("/api/tasks?organizationId=" + admin.organizationId())
                        .token(token)
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/tasks?organizationId=" + second)
                        .token(token)
                        .send()
                        .status())
                .as("the admin's role sees every organization, the grant does not")
                .isEqualTo(403);
        var me = api.get("/api/user/me").token(token).send().body();
        assertThat(me.path("organizations").size()).isEqualTo(1);

        jdbc.sql("update user_organization set is_active = false where user_id = :user and organization_id = :org")
                .param("user", admin.userId())
                .param("org", admin.organizationId())
                .update();
        assertThat(api.get("/api/tasks?organizationId=" + admin.organizationId())
                        .token(token)
                        .send()
                        .status())
                .as("membership ended")
                .isEqualTo(403);
    }

    @Test
    void tenantsStaySeparate() {
        var other = accounts.onboard("other tenant");
        String token = accessToken(admin, client, "gauzy:all");
        var foreign = api.get("/api/tasks?organizationId=" + other.organizationId())
                .token(token)
                .header("Tenant-Id", other.tenantId().toString())
                .send();
        assertThat(foreign.status()).isIn(401, 403);
        assertThat(api.get("/api/organization/" + other.organizationId())
                        .token(token)
                        .send()
                        .status())
                .isIn(403, 404);

        // A tenant's client is not available to another tenant's users.
        var browser = new OAuthBrowser(api);
        var page = browser.signIn(browser.open(pieceRequest(client, "x-state")), other.email(), other.password());
        assertThat(page.status()).isEqualTo(303);
        var answer = OAuthBrowser.parameters(URI.create(page.header("Location")));
        assertThat(answer)
                .containsEntry("error", "access_denied")
                .containsEntry("state", "x-state")
                .doesNotContainKey("code");
    }

    @Test
    void aGlobalClientServesEveryTenant() {
        var configured = new Client("", "gauzy_configured_test_client", "configured-secret-0123456789abcdefghijklmnop");
        for (var user : List.of(admin, accounts.onboard("global user"))) {
            String token = accessToken(user, configured, "gauzy:all");
            assertThat(claims(token).path("tenantId").asString())
                    .isEqualTo(user.tenantId().toString());
            assertThat(api.get("/api/user/me").token(token).send().status()).isEqualTo(200);
        }
    }

    @Test
    void theUserRevokingTheirConsentEndsAccessAtOnce() {
        var browser = new OAuthBrowser(api);
        var redirect = consent(browser, admin, pieceRequest(client, "s"), true);
        JsonNode tokens =
                exchange(client, OAuthBrowser.parameters(redirect).get("code")).body();
        String at = tokens.path("access_token").asString();

        var listed = api.get("/api/oauth/consents").token(admin.token()).send();
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().path("items")).hasSize(1);
        var consent = listed.body().path("items").get(0);
        assertThat(consent.path("clientId").asString()).isEqualTo(client.clientId());
        assertThat(consent.path("remembered").asBoolean()).isTrue();

        var stranger = accounts.onboard("stranger");
        assertThat(api.delete("/api/oauth/consents/" + consent.path("id").asString())
                        .token(stranger.token())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/oauth/consents/" + consent.path("id").asString())
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/user/me").token(at).send().status()).isEqualTo(401);
        assertOAuthError(refresh(client, tokens.path("refresh_token").asString()), 400, "invalid_grant");
        assertThat(browser.open(with(pieceRequest(client, "s"), "prompt", null)).status())
                .as("asked again")
                .isEqualTo(200);
    }

    @Test
    void anAdminRevokingEndsAccess_rotatingDeactivatingOrDeletingTheClientToo() {
        var member = accounts.addUser(admin, "EMPLOYEE");
        JsonNode tokens = tokens(member, client);
        String consentId = api.get("/api/oauth/consents?everyone=true")
                .token(admin.token())
                .send()
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        assertThat(api.get("/api/oauth/consents?everyone=true")
                        .token(member.token())
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api.delete("/api/oauth/consents/" + consentId)
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/user/me")
                        .token(tokens.path("access_token").asString())
                        .send()
                        .status())
                .isEqualTo(401);

        JsonNode beforeRotation = tokens(admin, client);
        var rotated = api.post("/api/oauth/clients/" + client.id() + "/rotate-secret")
                .token(admin.token())
                .send();
        assertThat(rotated.status()).isIn(200, 201);
        assertThat(api.get("/api/user/me")
                        .token(beforeRotation.path("access_token").asString())
                        .send()
                        .status())
                .isEqualTo(401);
        var current = new Client(
                client.id(),
                client.clientId(),
                rotated.body().path("clientSecret").asString());
        assertOAuthError(refresh(current, beforeRotation.path("refresh_token").asString()), 400, "invalid_grant");

        JsonNode beforeDeactivation = tokens(admin, current);
        api.patch("/api/oauth/clients/" + client.id())
                .token(admin.token())
                .json(Map.of("isActive", false))
                .send();
        assertThat(api.get("/api/user/me")
                        .token(beforeDeactivation.path("access_token").asString())
                        .send()
                        .status())
                .isEqualTo(401);
        api.patch("/api/oauth/clients/" + client.id())
                .token(admin.token())
                .json(Map.of("isActive", true))
                .send();

        JsonNode beforeDeletion = tokens(admin, current);
        assertThat(api.delete("/api/oauth/clients/" + client.id())
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/user/me")
                        .token(beforeDeletion.path("access_token").asString())
                        .send()
                        .status())
                .isEqualTo(401);
        assertOAuthError(refresh(current, beforeDeletion.path("refresh_token").asString()), 401, "invalid_client");
    }

    @Test
    void aGrantEndsWhenItsClientMayNoLongerUseItsScopes() {
        JsonNode broad = tokens(admin, client);
        String narrow = grants().exchange(client, code(admin, with(pieceRequest(client, "s"), "scope", "tasks:read")))
                .body()
                .path("refresh_token")
                .asString();
        api.patch("/api/oauth/clients/" + client.id())
                .token(admin.token())
                .json(Map.of("allowedScopes", List.of("tasks:read")))
                .send();
        assertOAuthError(refresh(client, broad.path("refresh_token").asString()), 400, "invalid_grant");
        assertThat(api.get("/api/user/me")
                        .token(broad.path("access_token").asString())
                        .send()
                        .status())
                .isEqualTo(401);
        assertThat(refresh(client, narrow).status())
                .as("a grant within the new rules lives on")
                .isEqualTo(200);
    }

    @Test
    void aDisabledUsersGrantStopsWorking() {
        var member = accounts.addUser(admin, "EMPLOYEE");
        JsonNode tokens = tokens(member, client);
        jdbc.sql("update app_user set is_active = false where id = :id")
                .param("id", member.userId())
                .update();
        assertThat(api.get("/api/user/me")
                        .token(tokens.path("access_token").asString())
                        .send()
                        .status())
                .isEqualTo(401);
        assertOAuthError(refresh(client, tokens.path("refresh_token").asString()), 400, "invalid_grant");
    }

    @Test
    void aClientTokenIsNotASignInCookie() {
        String token = accessToken(admin, client, "gauzy:all");
        var browser = new OAuthBrowser(api);
        browser.setCookie(AuthorizationBrowser.SESSION_COOKIE, token);
        assertThat(browser.open(pieceRequest(client, "s")).text()).contains("Sign in to Gauzy");
    }
}
