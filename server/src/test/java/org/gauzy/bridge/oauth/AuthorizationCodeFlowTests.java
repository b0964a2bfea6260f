package org.gauzy.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.OAuthBrowser;
import org.junit.jupiter.api.Test;

/**
 * The authorization code flow as the ever-gauzy piece runs it through Activepieces: the authorization
 * request, our sign-in and consent pages, the redirect, and the form-encoded exchange.
 */
abstract class AuthorizationCodeFlowTests extends OAuthTenantTest {

    @Override
    String label() {
        return "flow";
    }

    @Test
    void thePiecesFlowEndToEnd() {
        var browser = new OAuthBrowser(api);
        var login = browser.open(pieceRequest(client, "ap-state-1"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text()).contains("Sign in to Gauzy").contains("Activepieces");
        assertPageIsProtected(login);

        var consentPage = browser.signIn(login, admin.email(), admin.password());
        assertThat(consentPage.status()).as(consentPage.text()).isEqualTo(200);
        assertThat(consentPage.text())
                .contains("<span>Activepieces</span> wants access to your Gauzy account")
                .contains("Everything you can do in Gauzy")
                .contains("flow tenant")
                .contains(admin.email())
                .contains("cloud.activepieces.com");
        assertPageIsProtected(consentPage);
        assertThat(consentPage.header("Content-Security-Policy"))
                .contains("form-action 'self' https://cloud.activepieces.com");

        URI redirect = browser.allow(consentPage, admin.organizationId().toString(), false);
        assertThat(redirect.toString()).startsWith(REDIRECT + "?code=");
        var answer = OAuthBrowser.parameters(redirect);
        assertThat(answer).containsEntry("state", "ap-state-1").containsEntry("iss", issuer());
        assertThat(answer.get("code")).hasSizeGreaterThanOrEqualTo(43);

        var exchanged = exchange(client, answer.get("code"));
        assertThat(exchanged.status()).as(exchanged.text()).isEqualTo(200);
        assertThat(exchanged.header("Cache-Control")).contains("no-store");
        assertThat(exchanged.header("Pragma")).isEqualTo("no-cache");
        var tokens = exchanged.body();
        assertThat(tokens.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.path("expires_in").asInt()).isEqualTo(3600);
        assertThat(tokens.path("scope").asString()).isEqualTo("gauzy:all");
        assertThat(tokens.path("refresh_token").asString()).startsWith("gzrt_");

        String accessToken = tokens.path("access_token").asString();
        var claims = claims(accessToken);
        assertThat(claims.path("tenantId").asString())
                .isEqualTo(admin.tenantId().toString());
        assertThat(claims.path("organizationId").asString())
                .isEqualTo(admin.organizationId().toString());
        assertThat(claims.path("sub").asString()).isEqualTo(admin.userId().toString());
        assertThat(claims.path("id").asString()).isEqualTo(admin.userId().toString());
        assertThat(claims.path("client_id").asString()).isEqualTo(client.clientId());
        assertThat(claims.path("scope").asString()).isEqualTo("gauzy:all");
        assertThat(claims.path("aud").toString()).contains(issuer() + "/api");
        assertThat(claims.path("iss").asString()).isEqualTo(issuer());
        assertThat(claims.path("jti").asString()).isNotBlank();
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);

        // The piece's headers come from the token itself.
        var me = api.get("/api/user/me")
                .token(accessToken)
                .header("Tenant-Id", claims.path("tenantId").asString())
                .header("Organization-Id", claims.path("organizationId").asString())
                .send();
        assertThat(me.status()).as(me.text()).isEqualTo(200);
        assertThat(me.body().path("user").path("email").asString()).isEqualTo(admin.email());
        assertThat(me.body().path("organizationId").asString())
                .isEqualTo(admin.organizationId().toString());
    }

    @Test
    void theExchangeAlsoTakesJsonAndBasicAuthentication() {
        var json = api.post(TOKEN)
                .json(Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code(admin, pieceRequest(client, "s")),
                        "redirect_uri",
                        REDIRECT,
                        "client_id",
                        client.clientId(),
                        "client_secret",
                        client.secret()))
                .send();
        assertThat(json.status()).as(json.text()).isEqualTo(200);

        String basic = java.util.Base64.getEncoder()
                .encodeToString(
                        (client.clientId() + ":" + client.secret()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var withBasic = api.post(TOKEN)
                .header("Authorization", "Basic " + basic)
                .form(Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code(admin, pieceRequest(client, "s")),
                        "redirect_uri",
                        REDIRECT))
                .send();
        assertThat(withBasic.status()).as(withBasic.text()).isEqualTo(200);
    }

    /** RFC 6749 §2.3.1: credentials never in the URL, where logs and proxies keep them. */
    @Test
    void aSecretInTheUrlIsRefusedWhateverTheBody() {
        String code = code(admin, pieceRequest(client, "s"));
        var inQuery = api.post(TOKEN + "?client_secret=" + client.secret())
                .form(Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        REDIRECT,
                        "client_id",
                        client.clientId()))
                .send();
        assertThat(inQuery.status()).isEqualTo(400);
        assertThat(inQuery.body().path("error").asString()).isEqualTo("invalid_request");
        assertThat(inQuery.body().path("error_description").asString())
                .contains("client_secret must not be in the URL");
        var codeInQuery = api.post(TOKEN + "?code=" + code)
                .json(Map.of(
                        "grant_type",
                        "authorization_code",
                        "redirect_uri",
                        REDIRECT,
                        "client_id",
                        client.clientId(),
                        "client_secret",
                        client.secret()))
                .send();
        assertThat(codeInQuery.status()).isEqualTo(400);
        assertThat(codeInQuery.body().path("error_description").asString()).contains("code must not be in the URL");
    }

    @Test
    void denyingRedirectsWithAccessDeniedStateAndIss() {
        var browser = new OAuthBrowser(api);
        var page = browser.signIn(browser.open(pieceRequest(client, "deny-state")), admin.email(), admin.password());
        var denied = browser.submit(page, "/consent", Map.of("decision", "deny"));
        assertThat(denied.status()).isEqualTo(303);
        var answer = OAuthBrowser.parameters(URI.create(denied.header("Location")));
        assertThat(answer)
                .containsEntry("error", "access_denied")
                .containsEntry("state", "deny-state")
                .containsEntry("iss", issuer())
                .doesNotContainKey("code");
    }

    @Test
    void anUntrustedClientOrRedirectGetsAnErrorPageAndNoRedirect() {
        var browser = new OAuthBrowser(api);
        for (var parameters : List.of(
                with(pieceRequest(client, "s"), "client_id", "gauzy_unknown"),
                with(pieceRequest(client, "s"), "client_id", null),
                with(pieceRequest(client, "s"), "redirect_uri", "https://evil.example.com/redirect"),
                with(pieceRequest(client, "s"), "redirect_uri", REDIRECT + "/more"),
                with(pieceRequest(client, "s"), "redirect_uri", REDIRECT + "?x=1"),
                with(pieceRequest(client, "s"), "redirect_uri", "http://cloud.activepieces.com/redirect"),
                with(pieceRequest(client, "s"), "redirect_uri", null))) {
            var page = browser.open(parameters);
            assertThat(page.status()).as(parameters.toString()).isEqualTo(400);
            assertThat(page.header("Location")).isNull();
            assertThat(page.text()).contains("This request cannot continue");
            assertPageIsProtected(page);
        }
        api.patch("/api/oauth/clients/" + client.id())
                .token(admin.token())
                .json(Map.of("isActive", false))
                .send();
        assertThat(browser.open(pieceRequest(client, "s")).status()).isEqualTo(400);
    }

    @Test
    void aLoopbackRedirectMayUseAnyPortAndNothingElseVaries() {
        var nativeApp = register(admin, Map.of("redirectUris", List.of("http://127.0.0.1/callback")));
        var browser = new OAuthBrowser(api);
        var page = browser.signIn(
                browser.open(with(pieceRequest(nativeApp, "s"), "redirect_uri", "http://127.0.0.1:53123/callback")),
                admin.email(),
                admin.password());
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        assertThat(browser.open(with(pieceRequest(nativeApp, "s"), "redirect_uri", "http://127.0.0.1:53123/other"))
                        .status())
                .isEqualTo(400);
        assertThat(browser.open(with(pieceRequest(nativeApp, "s"), "redirect_uri", "http://localhost:53123/callback"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theAuthorizationEndpointHasNoCors() {
        var preflight = api.options(OAuthBrowser.AUTHORIZE)
                .header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "GET")
                .send();
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        var page = api.get(OAuthBrowser.AUTHORIZE + "?" + OAuthBrowser.query(pieceRequest(client, "s")))
                .header("Origin", "https://evil.example.com")
                .send();
        assertThat(page.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void promptNoneAnswersWithoutAnyPage() {
        var browser = new OAuthBrowser(api);
        browser.signIn(browser.open(pieceRequest(client, "s")), admin.email(), admin.password());
        var noConsent = browser.open(with(pieceRequest(client, "s1"), "prompt", "none"));
        assertThat(noConsent.status()).isEqualTo(303);
        assertThat(OAuthBrowser.parameters(URI.create(noConsent.header("Location"))))
                .containsEntry("error", "consent_required")
                .containsEntry("state", "s1");
        consent(browser, admin, pieceRequest(client, "s"), true);
        var silent = browser.open(with(pieceRequest(client, "s1"), "prompt", "none"));
        assertThat(OAuthBrowser.parameters(URI.create(silent.header("Location"))))
                .containsKey("code");
    }

    @Test
    void otherErrorsGoBackToTheClientWithStateAndIss() {
        var pkceClient = register(admin, Map.of("pkceRequired", true));
        var narrow = register(admin, Map.of("allowedScopes", List.of("tasks:read")));
        assertRedirectedError(with(pieceRequest(client, "s1"), "response_type", "token"), "unsupported_response_type");
        assertRedirectedError(with(pieceRequest(client, "s1"), "response_type", null), "invalid_request");
        assertRedirectedError(with(pieceRequest(client, "s1"), "scope", "gauzy:all admin:all"), "invalid_scope");
        assertRedirectedError(with(pieceRequest(narrow, "s1"), "scope", "tasks:write"), "invalid_scope");
        assertRedirectedError(with(pieceRequest(pkceClient, "s1")), "invalid_request");
        assertRedirectedError(
                with(pieceRequest(client, "s1"), "code_challenge", "a".repeat(43), "code_challenge_method", "plain"),
                "invalid_request");
        assertRedirectedError(
                with(pieceRequest(client, "s1"), "code_challenge", "short", "code_challenge_method", "S256"),
                "invalid_request");
        assertRedirectedError(with(pieceRequest(client, "s1"), "prompt", "none"), "login_required");
    }

    @Test
    void aUserWhoIsNotSignedInSignsInAndReturnsToTheSameRequest() {
        var browser = new OAuthBrowser(api);
        var login = browser.open(with(pieceRequest(client, "keep-me"), "scope", "gauzy:all"));
        var wrong = browser.submit(login, "/login", Map.of("email", admin.email(), "password", "not-the-password"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text()).contains("Invalid email or password").doesNotContain("not-the-password");
        var consentPage = browser.signIn(wrong, admin.email(), admin.password());
        assertThat(OAuthBrowser.hiddenFields(consentPage.text()))
                .containsEntry("state", "keep-me")
                .containsEntry("client_id", client.clientId())
                .containsEntry("redirect_uri", REDIRECT);
    }

    @Test
    void formsNeedTheirCsrfToken() {
        var browser = new OAuthBrowser(api);
        var login = browser.open(pieceRequest(client, "s"));
        var noCookie = new OAuthBrowser(api)
                .submit(login, "/login", Map.of("email", admin.email(), "password", admin.password()));
        assertThat(noCookie.status()).isEqualTo(403);
        assertThat(noCookie.header("Set-Cookie")).doesNotContain(AuthorizationBrowser.SESSION_COOKIE);

        var consentPage = browser.signIn(login, admin.email(), admin.password());
        var forged = browser.submit(
                consentPage,
                "/consent",
                Map.of(
                        "decision",
                        "allow",
                        "organizationId",
                        admin.organizationId().toString(),
                        "csrf",
                        "forged"));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.header("Location")).isNull();
    }

    @Test
    void rememberedConsentSkipsThePageUnlessConsentIsPrompted() {
        var browser = new OAuthBrowser(api);
        consent(browser, admin, pieceRequest(client, "s"), true);
        var silent = browser.open(with(pieceRequest(client, "again"), "prompt", null));
        assertThat(silent.status()).isEqualTo(303);
        assertThat(OAuthBrowser.parameters(URI.create(silent.header("Location"))))
                .containsKey("code")
                .containsEntry("state", "again");
        var prompted = browser.open(pieceRequest(client, "again"));
        assertThat(prompted.status()).isEqualTo(200);
        assertThat(prompted.text()).contains("wants access");

        var otherScopes = register(admin, Map.of("allowedScopes", List.of("gauzy:all", "tasks:read")));
        consent(browser, admin, with(pieceRequest(otherScopes, "s"), "scope", "tasks:read"), true);
        assertThat(browser.open(with(pieceRequest(otherScopes, "s"), "prompt", null, "scope", "gauzy:all"))
                        .status())
                .as("remembered for another scope set only")
                .isEqualTo(200);
    }

    @Test
    void theUserPicksTheOrganizationTheGrantIsFor() {
        var second = accounts.addOrganization(admin, "Second org");
        var member = accounts.addUser(admin, "MANAGER", admin.organizationId(), second);
        var browser = new OAuthBrowser(api);
        var page = browser.signIn(browser.open(pieceRequest(client, "s")), member.email(), member.password());
        assertThat(page.text()).contains("flow tenant").contains("Second org");
        var outsider = accounts.addOrganization(admin, "Not a member");
        var refused =
                browser.submit(page, "/consent", Map.of("decision", "allow", "organizationId", outsider.toString()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("Choose one of your organizations");

        URI redirect = browser.allow(page, second.toString(), false);
        var tokens =
                exchange(client, OAuthBrowser.parameters(redirect).get("code")).body();
        assertThat(claims(tokens.path("access_token").asString())
                        .path("organizationId")
                        .asString())
                .isEqualTo(second.toString());
    }

    private void assertRedirectedError(Map<String, String> parameters, String error) {
        var browser = new OAuthBrowser(api);
        var answer = browser.open(parameters);
        assertThat(answer.status()).as(parameters + " " + answer.text()).isEqualTo(303);
        var redirect = URI.create(answer.header("Location"));
        assertThat(redirect.toString()).startsWith(REDIRECT + "?");
        assertThat(OAuthBrowser.parameters(redirect))
                .as(redirect.toString())
                .containsEntry("error", error)
                .containsEntry("state", "s1")
                .containsEntry("iss", issuer())
                .containsKey("error_description");
    }

    static void assertPageIsProtected(Api.Response page) {
        assertThat(page.header("Content-Security-Policy"))
                .contains("frame-ancestors 'none'")
                .doesNotContain("http://cdn")
                .doesNotContain("https://cdn");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.header("Access-Control-Allow-Origin")).isNull();
        assertThat(page.text())
                .doesNotContain("<script src")
                .doesNotContain("http://")
                .doesNotContain("https://cdn");
    }
}
