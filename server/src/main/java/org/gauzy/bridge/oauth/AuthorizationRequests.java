package org.gauzy.bridge.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * Reads an authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636). A request whose client or
 * redirect URI cannot be trusted is an {@link UntrustedRequest}: it is shown on an error page and
 * never redirected (RFC 6749 §4.1.2.1), so the endpoint is no open redirector. Any other problem is
 * an {@link RedirectableError}, sent back to the client's registered URI.
 */
@Component
class AuthorizationRequests {

    /** The parameters the pages carry on; anything else a client adds is dropped. */
    static final List<String> KNOWN = List.of(
            "response_type",
            "client_id",
            "redirect_uri",
            "scope",
            "state",
            "code_challenge",
            "code_challenge_method",
            "prompt",
            "access_type");

    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");
    private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");
    private static final Set<String> LOOPBACK_LITERALS = Set.of("127.0.0.1", "[::1]");

    /** The client or redirect URI is unknown, inactive or mismatched: say so, but never redirect. */
    static final class UntrustedRequest extends RuntimeException {
        private final String reason;

        UntrustedRequest(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    /** A problem the client should hear about, at its registered redirect URI. */
    static final class RedirectableError extends RuntimeException {
        private final AuthorizationRequest request;
        private final OAuthError error;

        RedirectableError(AuthorizationRequest request, OAuthError error) {
            super(error.description(), null, false, false);
            this.request = request;
            this.error = error;
        }

        AuthorizationRequest request() {
            return request;
        }

        OAuthError error() {
            return error;
        }
    }

    private final OAuthClientRepository clients;
    private final CodeRepository codes;

    AuthorizationRequests(OAuthClientRepository clients, CodeRepository codes) {
        this.clients = clients;
        this.codes = codes;
    }

    AuthorizationRequest parse(MultiValueMap<String, String> query) {
        String clientId = single(query, "client_id");
        String redirectUri = single(query, "redirect_uri");
        if (clientId == null || clientId.isBlank()) {
            throw new UntrustedRequest("The request names no client (client_id is missing or repeated).");
        }
        var client = clients.findByClientId(clientId)
                .filter(OAuthClientRepository.Client::isActive)
                .orElseThrow(() -> new UntrustedRequest("This application is unknown or has been disabled."));
        if (redirectUri == null || !registered(client.redirectUris(), redirectUri)) {
            throw new UntrustedRequest("The application sent a redirect address it has not registered"
                    + " (redirect_uri must match a registered one exactly).");
        }
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : KNOWN) {
            String value = single(query, name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        String state = single(query, "state");
        var base = new AuthorizationRequest(client, redirectUri, state, Set.of(), null, Set.of(), kept);
        for (String name : KNOWN) {
            List<String> values = query.get(name);
            if (values != null && values.size() > 1) {
                throw fail(base, OAuthError.INVALID_REQUEST, name + " must be sent once");
            }
        }
        String responseType = single(query, "response_type");
        if (responseType == null) {
            throw fail(base, OAuthError.INVALID_REQUEST, "response_type is required; use code");
        }
        if (!responseType.equals("code")) {
            throw fail(base, OAuthError.UNSUPPORTED_RESPONSE_TYPE, "Only response_type=code is supported");
        }
        if (!client.allowedGrantTypes().contains(ClientRules.AUTHORIZATION_CODE)) {
            throw fail(base, OAuthError.UNAUTHORIZED_CLIENT, "This client may not use the authorization code grant");
        }
        Set<String> scopes = scopes(base, single(query, "scope"));
        String challenge = challenge(base, single(query, "code_challenge"), single(query, "code_challenge_method"));
        Set<String> prompt = prompt(base, single(query, "prompt"));
        return new AuthorizationRequest(client, redirectUri, state, scopes, challenge, prompt, kept);
    }

    private Set<String> scopes(AuthorizationRequest base, @Nullable String scope) {
        if (scope == null || scope.isBlank()) {
            return new LinkedHashSet<>(base.client().allowedScopes());
        }
        var scopes = new LinkedHashSet<String>();
        for (String value : scope.trim().split(" +")) {
            if (OAuthScope.of(value).isEmpty()) {
                throw fail(base, OAuthError.INVALID_SCOPE, "Unknown scope '" + value + "'");
            }
            if (!base.client().allowedScopes().contains(value)) {
                throw fail(base, OAuthError.INVALID_SCOPE, "This client may not ask for the scope '" + value + "'");
            }
            scopes.add(value);
        }
        return scopes;
    }

    private @Nullable String challenge(AuthorizationRequest base, @Nullable String challenge, @Nullable String method) {
        if (challenge == null) {
            if (base.client().pkceRequired()) {
                throw fail(base, OAuthError.INVALID_REQUEST, "This client must send a PKCE code_challenge (S256)");
            }
            if (method != null) {
                throw fail(base, OAuthError.INVALID_REQUEST, "code_challenge_method was sent without code_challenge");
            }
            return null;
        }
        if (!"S256".equals(method)) {
            throw fail(base, OAuthError.INVALID_REQUEST, "code_challenge_method must be S256 (plain is not accepted)");
        }
        if (!CHALLENGE.matcher(challenge).matches()) {
            throw fail(base, OAuthError.INVALID_REQUEST, "code_challenge must be 43 to 128 URL-safe characters");
        }
        if (codes.challengeSeen(challenge)) {
            throw fail(
                    base,
                    OAuthError.INVALID_REQUEST,
                    "This code_challenge was already used; send a fresh one for every authorization request");
        }
        return challenge;
    }

    private Set<String> prompt(AuthorizationRequest base, @Nullable String prompt) {
        if (prompt == null || prompt.isBlank()) {
            return Set.of();
        }
        Set<String> values =
                Set.copyOf(Arrays.asList(prompt.trim().toLowerCase(Locale.ROOT).split(" +")));
        if (!PROMPTS.containsAll(values) || (values.contains("none") && values.size() > 1)) {
            throw fail(
                    base,
                    OAuthError.INVALID_REQUEST,
                    "prompt must be none, or any of login, consent and select_account");
        }
        return values;
    }

    /**
     * Exact string matching (RFC 9700 §2.1), except that a loopback IP literal may come with any port
     * (RFC 8252 §7.3), for native apps that listen on a port of their choosing.
     */
    static boolean registered(List<String> registered, String redirectUri) {
        if (registered.contains(redirectUri)) {
            return true;
        }
        URI uri = parse(redirectUri);
        if (uri == null
                || !"http".equals(uri.getScheme())
                || uri.getHost() == null
                || !LOOPBACK_LITERALS.contains(uri.getHost())
                || uri.getPort() == -1) {
            return false;
        }
        String withoutPort = redirectUri.replaceFirst(
                "^http://" + Pattern.quote(uri.getHost()) + ":\\d+", "http://" + uri.getHost());
        return registered.contains(withoutPort);
    }

    private static @Nullable URI parse(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static RedirectableError fail(AuthorizationRequest base, String error, String description) {
        return new RedirectableError(base, OAuthError.of(error, description));
    }

    private static @Nullable String single(MultiValueMap<String, String> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }
}
