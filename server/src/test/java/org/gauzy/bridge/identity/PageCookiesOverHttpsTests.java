package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OnH2;
import org.gauzy.bridge.support.PageJar;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a proxy that ends TLS, the service sees plain http while browsers see https: every cookie the
 * pages set (the sign-in form's CSRF token, the session) is Secure because the public address is https.
 */
@OnH2
@TestPropertySource(properties = "gauzy.identity.issuer=https://gauzy.example.test")
class PageCookiesOverHttpsTests extends ApiTest {

    @Test
    void everyPageCookieIsSecureWhenThePublicAddressIsHttps() {
        var owner = accounts.onboard("https-cookies");
        var jar = new PageJar(api);
        var login = jar.get("/pages/login");
        assertThat(cookie(login.headers().get("set-cookie"), "gauzy_pages_csrf"))
                .contains("Secure")
                .contains("HttpOnly")
                .contains("SameSite=Strict");
        var signedIn = jar.signIn(owner.email(), Accounts.PASSWORD, "/pages");
        assertThat(cookie(signedIn.headers().get("set-cookie"), "gauzy_session"))
                .contains("Secure");
        assertThat(cookie(signedIn.headers().get("set-cookie"), "gauzy_pages_csrf"))
                .as("cleared at sign-in")
                .contains("Max-Age=0");

        var authorize = api.get(
                        "/api/integration/ever-gauzy/oauth/authorize?response_type=code&client_id="
                                + "gauzy_configured_test_client&redirect_uri=https://cloud.activepieces.com/redirect&state=s&scope=gauzy:all")
                .send();
        assertThat(cookie(authorize.headers().get("set-cookie"), "gauzy_oauth_csrf"))
                .contains("Secure");
    }

    private static String cookie(List<String> setCookies, String name) {
        assertThat(setCookies).as("Set-Cookie headers").isNotNull();
        return setCookies.stream()
                .filter(c -> c.startsWith(name + "="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + setCookies));
    }
}
