package org.gauzy.bridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gauzy.bridge.support.Accounts.Account;

/**
 * OAuth grants the way the ever-gauzy piece gets them through Activepieces: a registered client, the
 * authorization request Activepieces builds, a user clicking through our pages, and the form-encoded
 * code exchange with the secret in the body.
 */
public final class OAuthGrants {

    public static final String REDIRECT = "https://cloud.activepieces.com/redirect";
    public static final String TOKEN = "/api/integration/ever-gauzy/oauth/token";

    /** A registered client, with the secret shown once. */
    public record Client(String id, String clientId, String secret) {}

    private final Api api;

    public OAuthGrants(Api api) {
        this.api = api;
    }

    public Client register(Account admin, Map<String, Object> fields) {
        var body = new HashMap<String, Object>(Map.of("name", "Activepieces", "redirectUris", List.of(REDIRECT)));
        body.putAll(fields);
        var created =
                api.post("/api/oauth/clients").token(admin.token()).json(body).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new Client(
                created.body().path("id").asString(),
                created.body().path("clientId").asString(),
                created.body().path("clientSecret").asString(null));
    }

    /** The authorization request the ever-gauzy piece's OAuth2 auth makes through Activepieces (§6.2). */
    public static Map<String, String> pieceRequest(Client client, String state) {
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

    /** The parameters with some replaced, or removed where the new value is null. */
    public static Map<String, String> with(Map<String, String> parameters, String... pairs) {
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
    public URI consent(OAuthBrowser browser, Account user, Map<String, String> parameters, boolean remember) {
        var page = browser.open(parameters);
        if (page.text().contains("Sign in to Gauzy")) {
            page = browser.signIn(page, user.email(), user.password());
        }
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        assertThat(page.text()).contains("wants access to your Gauzy account");
        return browser.allow(page, user.organizationId().toString(), remember);
    }

    /** A code for the user, through the whole page flow in a fresh browser. */
    public String code(Account user, Map<String, String> parameters) {
        URI redirect = consent(new OAuthBrowser(api), user, parameters, false);
        var answer = OAuthBrowser.parameters(redirect);
        assertThat(answer).as(redirect.toString()).containsKey("code");
        return answer.get("code");
    }

    /** The code exchange as Activepieces sends it; {@code extra} replaces fields (a null value removes one). */
    public Api.Response exchange(Client client, String code, String... extra) {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", REDIRECT);
        form.put("client_id", client.clientId());
        form.put("client_secret", client.secret());
        return api.post(TOKEN).form(with(form, extra)).send();
    }

    /** An access token of {@code user} for {@code scope}, from a client the admin registers for every scope. */
    public String accessToken(Account admin, Account user, String scope) {
        var client = register(
                admin,
                Map.of(
                        "allowedScopes",
                        List.of(
                                "gauzy:all",
                                "employees:read",
                                "employees:write",
                                "tasks:read",
                                "tasks:write",
                                "timesheet:read",
                                "timesheet:write",
                                "webhooks:write")));
        var exchanged = exchange(client, code(user, with(pieceRequest(client, "state"), "scope", scope)));
        assertThat(exchanged.status()).as(exchanged.text()).isEqualTo(200);
        return exchanged.body().path("access_token").asString();
    }
}
