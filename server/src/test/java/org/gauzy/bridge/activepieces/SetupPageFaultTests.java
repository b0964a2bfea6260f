package org.gauzy.bridge.activepieces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.PageJar;
import org.junit.jupiter.api.Test;

/** The set-up page when Activepieces cannot be reached: it says so, says what to do, and keeps the key typed. */
abstract class SetupPageFaultTests extends ApiTest {

    @Test
    void anUnreachableActivepiecesIsExplainedAndTheTypedKeyKept() {
        var admin = accounts.onboard("setup-unreachable");
        var jar = new PageJar(api);
        jar.signIn(admin.email(), Accounts.PASSWORD, "/pages");
        var form = jar.get("/pages/integrations/activepieces");
        assertThat(form.status()).isEqualTo(200);
        var answer = jar.post(
                "/pages/integrations/activepieces/setup",
                Map.of("_csrf", PageJar.csrf(form), "apiKey", "sk-typed-by-the-admin"));
        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.text())
                .contains("Activepieces could not be reached at http://127.0.0.1:9")
                .contains("ACTIVEPIECES_BASE_URL")
                .contains("value=\"sk-typed-by-the-admin\"");
        // Nothing was installed: the page still offers the form.
        assertThat(jar.get("/pages/integrations/activepieces").status()).isEqualTo(200);
    }
}
