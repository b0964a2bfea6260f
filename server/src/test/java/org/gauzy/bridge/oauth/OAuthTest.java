package org.gauzy.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** What the OAuth tests share: registering clients, and going through the flow as the piece and a user would. */
abstract class OAuthTest extends ApiTest {

    static final String REDIRECT = "https://cloud.activepieces.com/redirect";
    static final String TOKEN = "/api/integration/ever-gauzy/oauth/token";
    static final String REVOKE = "/api/integration/ever-gauzy/oauth/revoke";
    static final String INTROSPECT = "/api/integration/ever-gauzy/oauth/introspect";

    /** A registered client, with the secret shown once. */
    record Client(String id, String clientId, String secret) {
    }

    /** The issuer, as the metadata document names it (the configured base URL, not the test's random port). */
    String issuer() {
        return api.get("/.well-known/oauth-authorization-server").send().body().path("issuer").asString();
    }

    Client register(Account admin, Map<String, Object> fields) {
        var body = new HashMap<String, Object>(Map.of("name", "Activepieces", "redirectUris", List.of(REDIRECT)));
        body.putAll(fields);
        var created = api.post("/api/oauth/clients").token(admin.token()).json(body).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new Client(created.body().path("id").asString(), created.body().path("clientId").asString(),
                created.body().path("clientSecret").asString(null));
    }

    Client register(Account admin) {
        return register(admin, Map.of());
    }

    /** The authorization request the ever-gauzy piece's OAuth2 auth makes through Activepieces (§6.2). */
    static Map<String, String> pieceRequest(Client client, String state) {
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("response_type", "code");
        parameters.put("client_id", client.clientId());
        parameters.put("redirect_uri", REDIRECT);
        parameters.put("access_type", "offline");
        parameters.put("state", state);
        parameters.put("prompt", "consent");
        parameters.put("scope", "gauzy:all");
        return parameters;
    }

    static Map<String, String> with(Map<String, String> parameters, String... pairs) {
        var out = new LinkedHashMap<>(parameters);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                out.remove(pairs[i]);
            } else {
                out.put(pairs[i], pairs[i + 1]);
            }
        }
        return out;
    }

    /** Signs in on the pages, allows for the account's organization, and answers the redirect to the client. */
    URI consent(OAuthBrowser browser, Account user, Map<String, String> parameters, boolean remember) {
        var page = browser.open(parameters);
        if (page.text().contains("Sign in to Gauzy")) {
            page = browser.signIn(page, user.email(), user.password());
        }
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        assertThat(page.text()).contains("wants access to your Gauzy account");
        return browser.allow(page, user.organizationId().toString(), remember);
    }

    /** A code for the user, through the whole page flow in a fresh browser. */
    String code(Account user, Map<String, String> parameters) {
        URI redirect = consent(new OAuthBrowser(api), user, parameters, false);
        var answer = OAuthBrowser.parameters(redirect);
        assertThat(answer).as(redirect.toString()).containsKey("code");
        return answer.get("code");
    }

    Api.Response exchange(Client client, String code, String... extra) {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", REDIRECT);
        form.put("client_id", client.clientId());
        form.put("client_secret", client.secret());
        for (int i = 0; i < extra.length; i += 2) {
            if (extra[i + 1] == null) {
                form.remove(extra[i]);
            } else {
                form.put(extra[i], extra[i + 1]);
            }
        }
        return api.post(TOKEN).form(form).send();
    }

    /** Tokens for the user, through the flow and the exchange. */
    JsonNode tokens(Account user, Client client) {
        var exchanged = exchange(client, code(user, pieceRequest(client, "state-1")));
        assertThat(exchanged.status()).as(exchanged.text()).isEqualTo(200);
        return exchanged.body();
    }

    Api.Response refresh(Client client, String refreshToken) {
        return api.post(TOKEN).form(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", client.clientId(), "client_secret", client.secret())).send();
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
