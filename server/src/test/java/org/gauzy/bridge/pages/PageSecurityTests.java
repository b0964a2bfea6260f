package org.gauzy.bridge.pages;

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
        assertThat(page.header("Location"))
                .isEqualTo("/pages/login?next=%2Fpages%2Fsettings%2Fwebhooks%3Fstatus%3DDEAD");

        Account admin = accounts.onboard("page-signin");
        var signedIn = jar.signIn(admin.email(), Accounts.PASSWORD, "/pages/settings/webhooks?status=DEAD");
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).isEqualTo("/pages/settings/webhooks?status=DEAD");
        String cookie = signedIn.headers().get("set-cookie").stream()
                .filter(c -> c.startsWith("gauzy_session="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/pages");
        assertThat(jar.get("/pages/settings/webhooks").status()).isEqualTo(200);
        // No HTTP session, and the sign-in form's CSRF cookie is gone: the session's own token takes over.
        assertThat(jar.cookies).containsOnlyKeys("gauzy_session");

        // The cookie is the pages' only: the API takes bearer headers, never it.
        assertThat(api.get("/api/user/me")
                        .header("Cookie", "gauzy_session=" + jar.cookies.get("gauzy_session"))
                        .send()
                        .status())
                .isEqualTo(401);

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
            assertThat(fresh.signIn(admin.email(), Accounts.PASSWORD, elsewhere).header("Location"))
                    .isEqualTo("/pages");
        }

        jar.signIn(admin.email(), Accounts.PASSWORD, "/pages");
        // A signed-in browser still needs the token: another site's form cannot post for it.
        var noToken = jar.post(
                "/pages/settings/oauth-clients",
                Map.of(
                        "name",
                        "Forged",
                        "redirectUris",
                        "https://evil.example/cb",
                        "scopes",
                        "gauzy:all",
                        "grantTypes",
                        "authorization_code"));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(api.get("/api/oauth/clients")
                        .token(admin.token())
                        .send()
                        .body()
                        .path("total")
                        .asInt())
                .isZero();
    }

    /**
     * Double submit trusts a cookie that someone else may have set (a sibling subdomain, a plain-http hop):
     * here the token is bound to the sign-in session, so a planted cookie with a matching field is refused.
     */
    @Test
    void aCsrfCookiePlantedBySomeoneElseProvesNothing() {
        Account admin = accounts.onboard("page-planted");
        var jar = new PageJar(api);
        jar.signIn(admin.email(), Accounts.PASSWORD, "/pages");
        String planted = "planted-by-someone-else-0123456789abcdef";
        jar.cookies.put("gauzy_pages_csrf", planted);
        var forged = jar.post(
                "/pages/settings/oauth-clients",
                Map.of(
                        "_csrf",
                        planted,
                        "name",
                        "Forged",
                        "redirectUris",
                        "https://evil.example/cb",
                        "scopes",
                        "gauzy:all",
                        "grantTypes",
                        "authorization_code"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.text()).contains("This form has expired");
        assertThat(api.get("/api/oauth/clients")
                        .token(admin.token())
                        .send()
                        .body()
                        .path("total")
                        .asInt())
                .isZero();

        // The same browser's own token, read from its page, still works.
        var form = jar.get("/pages/settings/oauth-clients");
        var own = jar.post(
                "/pages/settings/oauth-clients",
                Map.of(
                        "_csrf",
                        PageJar.csrf(form),
                        "name",
                        "Own",
                        "redirectUris",
                        "https://own.example/cb",
                        "scopes",
                        "gauzy:all",
                        "grantTypes",
                        "authorization_code"));
        assertThat(own.status()).as(own.text()).isLessThan(400);
        assertThat(api.get("/api/oauth/clients")
                        .token(admin.token())
                        .send()
                        .body()
                        .path("total")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void theCsrfTokenIsRenewedAtSignInAndBelongsToOneSession() {
        Account admin = accounts.onboard("page-renewed");
        var jar = new PageJar(api);
        String beforeSignIn = PageJar.csrf(jar.get("/pages/login"));
        String planted = jar.cookies.get("gauzy_pages_csrf");
        jar.signIn(admin.email(), Accounts.PASSWORD, "/pages");
        String first = PageJar.csrf(jar.get("/pages"));

        // The sign-in form's token, even with its cookie put back, is not the session's.
        jar.cookies.put("gauzy_pages_csrf", planted);
        assertThat(jar.post("/pages/logout", Map.of("_csrf", beforeSignIn)).status())
                .isEqualTo(403);
        jar.cookies.remove("gauzy_pages_csrf");

        // Signing in again starts a new session with a new token: the other session's token does not work in it.
        var again = new PageJar(api);
        again.signIn(admin.email(), Accounts.PASSWORD, "/pages");
        assertThat(again.post("/pages/logout", Map.of("_csrf", first)).status()).isEqualTo(403);
        assertThat(again.get("/pages").status()).as("still signed in").isEqualTo(200);
        assertThat(again.post("/pages/logout", Map.of("_csrf", PageJar.csrf(again.get("/pages"))))
                        .status())
                .isEqualTo(303);
        assertThat(jar.post("/pages/logout", Map.of("_csrf", first)).status())
                .as("the first session's own")
                .isEqualTo(303);
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
        assertThat(login.header("Content-Security-Policy"))
                .contains("frame-ancestors 'none'")
                .contains("script-src 'self'")
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
        var setup = api.post("/api/integration/activepieces/setup")
                .token(owner.token())
                .json(Map.of("apiKey", org.gauzy.bridge.support.TestSandbox.GLOBAL_KEY))
                .send();
        assertThat(setup.status()).as(setup.text()).isEqualTo(201);
        String installation = setup.body().path("integrationTenantId").asString();
        var client = new OAuthGrants(api).register(owner, Map.of());

        Account stranger = accounts.onboard("page-stranger");
        var jar = new PageJar(api);
        jar.signIn(stranger.email(), Accounts.PASSWORD, "/pages");
        for (String path : List.of(
                "/pages/integrations/activepieces/" + installation,
                "/pages/integrations/activepieces/" + installation + "/connections",
                "/pages/settings/oauth-clients/" + client.id())) {
            var page = jar.get(path);
            assertThat(page.status()).as(path).isEqualTo(404);
            assertThat(page.text()).doesNotContain(owner.email());
        }
        var home = jar.get("/pages");
        var removal = jar.post(
                "/pages/integrations/activepieces/" + installation + "/remove", Map.of("_csrf", PageJar.csrf(home)));
        assertThat(removal.status()).isEqualTo(404);
        assertThat(api.get("/api/integration/activepieces/status/" + installation)
                        .token(owner.token())
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(jar.get("/pages/integrations/activepieces/not-a-uuid").status())
                .isEqualTo(400);
    }

    @Test
    void theMcpTabSaysWhyAnActivepiecesOf083OrLaterRefusesAnApiKey() {
        Account owner = accounts.onboard("page-mcp-d");
        var setup = api.post("/api/integration/activepieces/setup")
                .token(owner.token())
                .json(Map.of("apiKey", org.gauzy.bridge.support.TestSandbox.GLOBAL_KEY))
                .send();
        var jar = new PageJar(api);
        jar.signIn(owner.email(), Accounts.PASSWORD, "/pages");
        var page = jar.get("/pages/integrations/activepieces/"
                + setup.body().path("integrationTenantId").asString() + "/mcp");
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
