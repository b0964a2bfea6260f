package org.gauzy.bridge.oauth;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.BrowserTest;
import org.gauzy.bridge.support.OAuthGrants;
import org.gauzy.bridge.support.PageJar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settings → OAuth clients in a real browser: register, see the secret once, rotate, deactivate, delete. */
abstract class ClientPagesTests extends BrowserTest {

    Account admin;

    @BeforeEach
    void signedInAdmin() {
        admin = accounts.onboard("clients");
        signIn(admin.email(), Accounts.PASSWORD);
    }

    @Test
    void theClientListPagesTwentyAtATime() {
        var admin = accounts.onboard("client-paging");
        var grants = new OAuthGrants(api);
        for (int i = 0; i < 23; i++) {
            grants.register(admin, Map.of());
        }
        var jar = new PageJar(api);
        jar.signIn(admin.email(), Accounts.PASSWORD, "/pages");
        String first = jar.get("/pages/settings/oauth-clients").text();
        assertThat(first)
                .contains("1–20 of 23")
                .contains("/pages/settings/oauth-clients?skip=20\">Next")
                .doesNotContain("Previous");
        String last = jar.get("/pages/settings/oauth-clients?skip=20").text();
        assertThat(last)
                .contains("21–23 of 23")
                .contains("/pages/settings/oauth-clients?skip=0\">← Previous")
                .doesNotContain("Next →");
        assertThat(jar.get("/pages/settings/oauth-clients?skip=5").text())
                .as("never before the first")
                .contains("/pages/settings/oauth-clients?skip=0\">← Previous");
    }

    @Test
    void registerSeeTheSecretOnceRotateDeactivateAndDelete() {
        page.navigate("/pages/settings/oauth-clients");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Register a client"))
                .click();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Activepieces");
        page.getByLabel("Description").fill("Our automations");
        page.getByLabel("Redirect URIs, one per line").fill("http://cloud.activepieces.com/redirect");
        press("Register");
        // Nothing lost: the form comes back with what was typed and says what to fix.
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("https");
        assertThat(page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)))
                .hasValue("Activepieces");
        assertThat(page.getByLabel("Description")).hasValue("Our automations");
        assertEveryFieldIsLabelled();
        page.getByLabel("Redirect URIs, one per line").fill("https://cloud.activepieces.com/redirect");
        press("Register");

        assertThat(page.locator("main")).containsText("Copy the secret now: it is shown this once.");
        String clientId = page.locator("#clientIdValue").textContent();
        String secret = page.locator("#clientSecretValue").textContent();
        assertThat(secret).startsWith("gzcs_");
        screenshot("oauth-client-secret");
        // The secret authenticates the client at the token endpoint (a bad code, but a known client).
        var token = api.post("/api/integration/ever-gauzy/oauth/token")
                .form(Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        "nothing",
                        "redirect_uri",
                        "https://cloud.activepieces.com/redirect",
                        "client_id",
                        clientId,
                        "client_secret",
                        secret))
                .send();
        assertThat(token.body().path("error").asString()).isEqualTo("invalid_grant");

        press("Done");
        assertThat(page.locator("main")).containsText("Copy the secret now"); // the acknowledgement is required
        page.getByLabel("I have stored the secret somewhere safe").check();
        press("Done");
        assertThat(page.locator("main")).containsText(clientId);
        assertThat(page.content()).doesNotContain(secret);
        page.navigate("/pages/settings/oauth-clients");
        assertThat(page.locator("table")).containsText("Activepieces");
        assertThat(page.content()).doesNotContain(secret);
        screenshot("oauth-clients");

        page.locator("main table")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Activepieces"))
                .click();
        press("Rotate secret");
        assertThat(confirmations).anyMatch(text -> text.startsWith("Rotate the secret?"));
        String rotated = page.locator("#clientSecretValue").textContent();
        assertThat(rotated).startsWith("gzcs_").isNotEqualTo(secret);
        page.getByLabel("I have stored the secret somewhere safe").check();
        press("Done");

        press("Deactivate");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The client is deactivated");
        assertThat(page.locator("h1")).containsText("Deactivated");
        press("Activate");
        assertThat(page.locator("h1")).containsText("Active");

        press("Delete");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("The client was deleted");
        assertThat(page.locator("table")).not().containsText(clientId);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("You are signed out");
        page.navigate("/pages/settings/oauth-clients");
        assertThat(page.locator("h1")).hasText("Sign in to Gauzy");
    }
}
