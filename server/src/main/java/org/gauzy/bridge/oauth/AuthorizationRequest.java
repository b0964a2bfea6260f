package org.gauzy.bridge.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A validated authorization request: its client exists and is active, and its redirect URI is one
 * the client registered, so errors from here on may be sent back to the client.
 *
 * @param scopes the scopes asked for (the client's allowed ones when the request names none)
 * @param prompt the OpenID Connect prompt values the request carries; {@code none} and {@code consent} change
 *        what happens, {@code login} and {@code select_account} are accepted and change nothing
 * @param parameters the request's own parameters, which the login and consent pages carry on
 */
record AuthorizationRequest(
        OAuthClientRepository.Client client,
        String redirectUri,
        @Nullable String state,
        Set<String> scopes,
        @Nullable String codeChallenge,
        Set<String> prompt,
        Map<String, String> parameters) {

    AuthorizationRequest {
        scopes = Set.copyOf(scopes);
        prompt = Set.copyOf(prompt);
        parameters = new LinkedHashMap<>(parameters);
    }

    String scopeString() {
        return OAuthScope.normalize(scopes);
    }

    /** The request as a query string, to come back to it after signing in. */
    String query() {
        var out = new StringBuilder();
        parameters.forEach((name, value) -> out.append(out.isEmpty() ? "" : "&")
                .append(encode(name))
                .append('=')
                .append(encode(value)));
        return out.toString();
    }

    /** The client's redirect URI with these parameters added (and {@code state} and {@code iss}, RFC 9207). */
    String redirect(Map<String, String> response, String issuer) {
        var all = new LinkedHashMap<>(response);
        if (state != null) {
            all.put("state", state);
        }
        all.put("iss", issuer);
        var out = new StringBuilder(redirectUri);
        char separator = redirectUri.contains("?") ? '&' : '?';
        for (var entry : all.entrySet()) {
            out.append(separator).append(encode(entry.getKey())).append('=').append(encode(entry.getValue()));
            separator = '&';
        }
        return out.toString();
    }

    String errorRedirect(OAuthError error, String issuer) {
        return redirect(Map.of("error", error.error(), "error_description", error.description()), issuer);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
