package org.gauzy.bridge.benchmarks;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The authorization-code flow as Activepieces runs it for the piece, against one service: a tenant admin
 * registers a client, signs in on our page and consents with "remember"; then each authorization request from
 * that session is answered at once by a redirect with a code, exchanged form-encoded with the secret in the body.
 */
final class OAuthFlow {

    /** A registered client, and the signed-in session whose consent it holds. */
    record Client(String id, String secret, String authorizeQuery, String sessionCookie) {}

    static final String REDIRECT = "https://automation.example/redirect";
    private static final String OAUTH = "/api/integration/ever-gauzy/oauth";
    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

    private final HttpClient http;
    private final String base;

    OAuthFlow(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    /** Registers a client in the admin's tenant, signs the admin in on our page and consents, remembered. */
    Client connect(ApiCalls api, ApiCalls.Account admin) throws Exception {
        JsonNode registered = api.post(
                "/api/oauth/clients",
                admin.token(),
                Map.of("name", "Automation", "redirectUris", List.of(REDIRECT), "allowedScopes", List.of("gauzy:all")));
        String clientId = registered.path("clientId").asString();
        String query = "response_type=code&client_id=" + enc(clientId) + "&redirect_uri=" + enc(REDIRECT)
                + "&scope=gauzy%3Aall&state=bench";

        var login = send(authorize(query), null);
        String csrfCookie = cookie(login, "gauzy_oauth_csrf");
        var form = hidden(login.body());
        form.put("email", admin.email());
        form.put("password", ServiceProcess.ADMIN_PASSWORD);
        var signedIn = send(post(OAUTH + "/authorize/login", form), "gauzy_oauth_csrf=" + csrfCookie);
        String session = "gauzy_oauth_session=" + cookie(signedIn, "gauzy_oauth_session");
        var consent = send(authorize(query), session);
        var decision = hidden(consent.body());
        decision.put("decision", "allow");
        decision.put("organizationId", admin.organizationId());
        decision.put("remember", "on");
        var allowed = send(post(OAUTH + "/authorize/consent", decision), session);
        if (allowed.statusCode() != 303) {
            throw new IllegalStateException("Consent answered " + allowed.statusCode() + ": " + allowed.body());
        }
        return new Client(clientId, registered.path("clientSecret").asString(), query, session);
    }

    /** An authorization request with remembered consent: answered at once by a redirect with a code. */
    String code(Client client) throws Exception {
        var answer = http.send(
                authorize(client.authorizeQuery())
                        .header("Cookie", client.sessionCookie())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        String location = answer.headers()
                .firstValue("Location")
                .orElseThrow(() ->
                        new IllegalStateException("authorize answered " + answer.statusCode() + " without a redirect"));
        int start = location.indexOf("code=") + 5;
        int end = location.indexOf('&', start);
        return URLDecoder.decode(location.substring(start, end < 0 ? location.length() : end), StandardCharsets.UTF_8);
    }

    HttpResponse<String> exchange(Client client, String code) throws Exception {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "authorization_code");
        form.put("redirect_uri", REDIRECT);
        form.put("code", code);
        form.put("client_id", client.id());
        form.put("client_secret", client.secret());
        return http.send(post(OAUTH + "/token", form).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> refresh(Client client, String refreshToken) throws Exception {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", client.id());
        form.put("client_secret", client.secret());
        return http.send(post(OAUTH + "/token", form).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder authorize(String query) {
        return HttpRequest.newBuilder(URI.create(base + OAUTH + "/authorize?" + query))
                .GET();
    }

    private HttpRequest.Builder post(String path, Map<String, String> form) {
        var body = new ArrayList<String>();
        form.forEach((name, value) -> body.add(enc(name) + "=" + enc(value)));
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String cookie) throws Exception {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(HttpResponse<?> response, String name) {
        for (String line : response.headers().allValues("Set-Cookie")) {
            if (line.startsWith(name + "=")) {
                return line.substring(name.length() + 1, line.indexOf(';'));
            }
        }
        throw new IllegalStateException("No " + name + " cookie in the answer (" + response.statusCode() + ")");
    }

    private static Map<String, String> hidden(String html) {
        var fields = new LinkedHashMap<String, String>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&amp;", "&"));
        }
        return fields;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
