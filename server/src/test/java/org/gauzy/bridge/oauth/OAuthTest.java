package org.gauzy.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OAuthBrowser;
import org.gauzy.bridge.support.OAuthGrants;
import org.gauzy.bridge.support.OAuthGrants.Client;
import tools.jackson.databind.JsonNode;

/** What the OAuth tests share: registering clients, and going through the flow as the piece and a user would. */
abstract class OAuthTest extends ApiTest {

    static final String REDIRECT = OAuthGrants.REDIRECT;
    static final String TOKEN = OAuthGrants.TOKEN;
    static final String REVOKE = "/api/integration/ever-gauzy/oauth/revoke";
    static final String INTROSPECT = "/api/integration/ever-gauzy/oauth/introspect";

    /** The issuer, as the metadata document names it (the configured base URL, not the test's random port). */
    String issuer() {
        return api.get("/.well-known/oauth-authorization-server")
                .send()
                .body()
                .path("issuer")
                .asString();
    }

    OAuthGrants grants() {
        return new OAuthGrants(api);
    }

    Client register(Account admin, Map<String, Object> fields) {
        return grants().register(admin, fields);
    }

    Client register(Account admin) {
        return register(admin, Map.of());
    }

    static Map<String, String> pieceRequest(Client client, String state) {
        return OAuthGrants.pieceRequest(client, state);
    }

    static Map<String, String> with(Map<String, String> parameters, String... pairs) {
        return OAuthGrants.with(parameters, pairs);
    }

    URI consent(OAuthBrowser browser, Account user, Map<String, String> parameters, boolean remember) {
        return grants().consent(browser, user, parameters, remember);
    }

    String code(Account user, Map<String, String> parameters) {
        return grants().code(user, parameters);
    }

    Api.Response exchange(Client client, String code, String... extra) {
        return grants().exchange(client, code, extra);
    }

    /** Tokens for the user, through the flow and the exchange. */
    JsonNode tokens(Account user, Client client) {
        var exchanged = exchange(client, code(user, pieceRequest(client, "state-1")));
        assertThat(exchanged.status()).as(exchanged.text()).isEqualTo(200);
        return exchanged.body();
    }

    Api.Response refresh(Client client, String refreshToken) {
        return api.post(TOKEN)
                .form(Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        refreshToken,
                        "client_id",
                        client.clientId(),
                        "client_secret",
                        client.secret()))
                .send();
    }

    Api.Response post(String path, Client client, String... fields) {
        var form = new LinkedHashMap<String, String>();
        form.put("client_id", client.clientId());
        form.put("client_secret", client.secret());
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return api.post(path).form(form).send();
    }

    /** The claims of a JWT, read without verifying it, as the piece does. */
    JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return api.json().readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    static void assertOAuthError(Api.Response response, int status, String error) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.body().path("error").asString()).as(response.text()).isEqualTo(error);
        assertThat(response.body().path("error_description").asString()).isNotBlank();
        assertThat(response.header("Cache-Control")).contains("no-store");
    }
}
