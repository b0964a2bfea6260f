package org.gauzy.bridge.oauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.gauzy.bridge.platform.FailureThrottle;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Authenticates the client of a token, revocation or introspection request: {@code client_secret_basic}
 * or {@code client_secret_post} (what the ever-gauzy piece uses), or a public client's bare
 * {@code client_id}. Failures are throttled per client and per address, and once a limit is reached
 * the request is refused before the secret is even compared, so guessing gains nothing.
 */
@Component
class ClientAuthentication {

    private static final int THROTTLE_KEYS = 100_000;

    private final OAuthClients clients;
    private final FailureThrottle perClient;
    private final FailureThrottle perAddress;

    ClientAuthentication(OAuthClients clients, OAuthSettings settings, Clock clock) {
        this.clients = clients;
        var throttle = settings.clientThrottle();
        this.perClient = new FailureThrottle(throttle.perClient(), throttle.window(), THROTTLE_KEYS, clock);
        this.perAddress = new FailureThrottle(throttle.perAddress(), throttle.window(), THROTTLE_KEYS, clock);
    }

    OAuthClientRepository.Client authenticate(@Nullable String authorization, Map<String, String> parameters,
            String address) {
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        String clientId;
        String secret;
        if (basic) {
            if (parameters.containsKey("client_secret")) {
                throw OAuthError.of(OAuthError.INVALID_REQUEST,
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
        String clientKey = "client:" + clientId;
        String addressKey = "address:" + address;
        Optional<Duration> wait = perClient.blockedFor(clientKey).or(() -> perAddress.blockedFor(addressKey));
        if (wait.isPresent()) {
            throw OAuthError.throttled(wait.get());
        }
        return clients.authenticate(clientId, secret).orElseThrow(() -> {
            perClient.recordFailure(clientKey);
            perAddress.recordFailure(addressKey);
            return OAuthError.invalidClient(basic);
        });
    }

    /** RFC 6749 §2.3.1: the id and secret are form-encoded before they are joined and base64-encoded. */
    private static String[] basicPair(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthError.invalidClient(true);
            }
            return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException malformed) {
            throw OAuthError.invalidClient(true);
        }
    }
}
