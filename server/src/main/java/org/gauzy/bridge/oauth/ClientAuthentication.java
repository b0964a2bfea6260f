package org.gauzy.bridge.oauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.gauzy.bridge.platform.AttemptThrottle;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Authenticates the client of a token, revocation or introspection request: {@code client_secret_basic}
 * or {@code client_secret_post} (what the ever-gauzy piece uses), or a public client's bare
 * {@code client_id}. Failures are throttled ({@link AttemptThrottle}) per client and address, per address,
 * and per client from addresses that never authenticated it; once a limit is reached the request is refused
 * before the secret is even compared, so guessing gains nothing, while the client's own server, from its
 * usual address, keeps getting tokens.
 */
@Component
class ClientAuthentication {

    private final OAuthClients clients;
    private final AttemptThrottle throttle;
    private final AttemptThrottle.Limits limits;

    ClientAuthentication(OAuthClients clients, OAuthSettings settings, AttemptThrottle throttle) {
        this.clients = clients;
        this.throttle = throttle;
        this.limits = settings.clientThrottle().limits();
    }

    OAuthClientRepository.Client authenticate(
            @Nullable String authorization, Map<String, String> parameters, String address) {
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        String clientId;
        String secret;
        if (basic && authorization != null) {
            if (parameters.containsKey("client_secret")) {
                throw OAuthError.of(
                        OAuthError.INVALID_REQUEST,
                        "Authenticate the client one way: Basic header or client_secret in the body, not both");
            }
            String[] pair = basicPair(authorization.substring(6).trim());
            clientId = pair[0];
            secret = pair[1];
            String bodyId = parameters.get("client_id");
            if (bodyId != null && !bodyId.equals(clientId)) {
                throw OAuthError.invalidClient(true);
            }
        } else {
            clientId = parameters.get("client_id");
            secret = parameters.get("client_secret");
        }
        if (clientId == null || clientId.isBlank()) {
            throw OAuthError.invalidClient(basic);
        }
        AttemptThrottle.Attempt attempt = throttle.attempt("client", clientId, address, limits);
        Optional<Duration> wait = attempt.waitFor();
        if (wait.isPresent()) {
            throw OAuthError.throttled(wait.get());
        }
        var client = clients.authenticate(clientId, secret);
        if (client.isEmpty()) {
            attempt.failed();
            throw OAuthError.invalidClient(basic);
        }
        attempt.succeeded();
        return client.get();
    }

    /** RFC 6749 §2.3.1: the id and secret are form-encoded before they are joined and base64-encoded. */
    private static String[] basicPair(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthError.invalidClient(true);
            }
            return new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException malformed) {
            throw OAuthError.invalidClient(true);
        }
    }
}
