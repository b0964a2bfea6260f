package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OAuthGrants;
import org.gauzy.bridge.support.PageJar;
import org.junit.jupiter.api.Test;

/**
 * The pages' protections, over plain HTTP: a sign-in cookie the API never takes, CSRF tokens on every
 * form, no open redirect after sign-in, security headers, permissions, and tenants kept apart.
 */
abstract class PageSecurityTests extends ApiTest {

    @Test
    void aPageNeedsASignInAndTheSignInComesBackToIt() {
        var jar = new PageJar(api);
        var page = jar.get("/pages/settings/webhooks?status=DEAD");
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).isEqualTo("/pages/login?next=%2Fpages%2Fsettings%2Fwebhooks%3Fstatus%3DDEAD");

        Account admin = accounts.onboard("page-signin");
        var signedIn = jar.signIn(admin.email(), Accounts.PASSWORD, "/pages/settings/webhooks?status=DEAD");
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).isEqualTo("/pages/settings/webhooks?status=DEAD");
        String cookie = signedIn.headers().get("set-cookie").stream().filter(c -> c.startsWith("gauzy_session="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/pages");
        assertThat(jar.get("/pages/settings/webhooks").status()).isEqualTo(200);
        assertThat(jar.cookies).containsOnlyKeys("gauzy_session", "gauzy_pages_csrf"); // no HTTP session

        // The cookie is the pages' only: the API takes bearer headers, never it.
        assertThat(api.get("/api/user/me").header("Cookie", "gauzy_session=" + jar.cookies.get("gauzy_session"))
                .send().status()).isEqualTo(401);

        // Signing out ends the session everywhere, the API token of the same session included.
        String token = jar.cookies.get("gauzy_session");
        var home = jar.get("/pages");
        var out = jar.post("/pages/logout", Map.of("_csrf", PageJar.csrf(home)));
        assertThat(out.status()).isEqualTo(303);
        assertThat(api.get("/api/user/me").token(token).send().status()).isEqualTo(401);
        assertThat(jar.get("/pages").status()).isEqualTo(303);
    }

    @Test
    void formsNeedTheirCsrfTokenAndSignInNeverRedirectsElsewhere() {
        Account admin = accounts.onboard("page-csrf");
        var jar = new PageJar(api);
        jar.get("/pages/login");
        var forged = jar.post("/pages/login", Map.of("email", admin.email(), "password", Accounts.PASSWORD));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.text()).contains("This form has expired");
        assertThat(jar.cookies).doesNotContainKey("gauzy_session");

        for (String elsewhere : List.of("https://evil.example/x", "//evil.example", "/api/user/me", "/pages\\@evil")) {
            var fresh = new PageJar(api);
            assertThat(fresh.signIn(admin.email(), Accounts.PASSWORD, elsewhere).header("Location")).isEqualTo("/pages");
        }

        jar.signIn(admin.email(), Accounts.PASSWORD, "/pages");
        // A signed-in browser still needs the token: another site's form cannot post for it.
        var noToken = jar.post("/pages/settings/oauth-clients", Map.of("name", "Forged", "redirectUris",
                "https://evil.example/cb", "scopes", "gauzy:all", "grantTypes", "authorization_code"));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(api.get("/api/oauth/clients").token(admin.token()).send().body().path("total").asInt()).isZero();
    }

    @Test
    void wrongPasswordsAreRefusedOnThePageAndKeepTheEmail() {
        Account admin = accounts.onboard("page-wrong");
        var jar = new PageJar(api);
        var refused = jar.signIn(admin.email(), "not-the-password", "/pages");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text()).contains("value=\"" + admin.email() + "\"");
        assertThat(jar.cookies).doesNotContainKey("gauzy_session");
    }

    @Test
    void pagesSendSecurityHeadersAndNoStore() {
        var login = new PageJar(api).get("/pages/login");
        assertThat(login.header("Content-Security-Policy")).contains("frame-ancestors 'none'").contains("script-src 'self'")
                .contains("form-action 'self'");
        assertThat(login.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(login.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(login.header("Cache-Control")).contains("no-store");
    }

    @Test
    void anEmployeeWithoutTheIntegrationPermissionIsToldWhy() {
        Account admin = accounts.onboard("page-employee");
        Account employee = accounts.addUser(admin, "EMPLOYEE");
        var jar = new PageJar(api);
        jar.signIn(employee.email(), Accounts.PASSWORD, "/pages");
        var page = jar.get("/pages/integrations/activepieces");
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.text()).contains("INTEGRATION_VIEW").doesNotContain("Exception");
        // Their own authorized apps are theirs to see.
        assertThat(jar.get("/pages/authorized-apps").status()).isEqualTo(200);
    }

    @Test
    void anotherTenantsInstallationAndClientsAreNotFound() {
        Account owner = accounts.onboard("page-owner");
        var setup = api.post("/api/integration/activepieces/setup").token(owner.token())
                .json(Map.of("apiKey", org.gauzy.bridge.support.TestSandbox.GLOBAL_KEY)).send();
        assertThat(setup.status()).as(setup.text()).isEqualTo(201);
        String installation = setup.body().path("integrationTenantId").asString();
        var client = new OAuthGrants(api).register(owner, Map.of());

        Account stranger = accounts.onboard("page-stranger");
        var jar = new PageJar(api);
        jar.signIn(stranger.email(), Accounts.PASSWORD, "/pages");
        for (String path : List.of("/pages/integrations/activepieces/" + installation,
                "/pages/integrations/activepieces/" + installation + "/connections",
                "/pages/settings/oauth-clients/" + client.id())) {
            var page = jar.get(path);
            assertThat(page.status()).as(path).isEqualTo(404);
            assertThat(page.text()).doesNotContain(owner.email());
        }
        var home = jar.get("/pages");
        var removal = jar.post("/pages/integrations/activepieces/" + installation + "/remove", Map.of("_csrf", PageJar.csrf(home)));
        assertThat(removal.status()).isEqualTo(404);
        assertThat(api.get("/api/integration/activepieces/status/" + installation).token(owner.token()).send().status())
                .isEqualTo(200);
        assertThat(jar.get("/pages/integrations/activepieces/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void theMcpTabSaysWhyAnActivepiecesOf083OrLaterRefusesAnApiKey() {
        Account owner = accounts.onboard("page-mcp-d");
        var setup = api.post("/api/integration/activepieces/setup").token(owner.token())
                .json(Map.of("apiKey", org.gauzy.bridge.support.TestSandbox.GLOBAL_KEY)).send();
        var jar = new PageJar(api);
        jar.signIn(owner.email(), Accounts.PASSWORD, "/pages");
        var page = jar.get("/pages/integrations/activepieces/" + setup.body().path("integrationTenantId").asString()
                + "/mcp");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("lets only signed-in users manage MCP servers, not API keys");
    }

    @Test
    void anApplicationsTokenCannotSignInToThePages() {
        Account admin = accounts.onboard("page-delegated");
        String minted = new org.gauzy.bridge.support.OAuthGrants(api).accessToken(admin, admin, "gauzy:all");
        var jar = new PageJar(api);
        jar.cookies.put("gauzy_session", minted);
        var page = jar.get("/pages/settings/oauth-clients");
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).startsWith("/pages/login");
    }
}
