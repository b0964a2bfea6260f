package org.gauzy.bridge.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * User session tokens: HS256 JWTs whose payload is the principal, as Activepieces signs them. Before
 * 0.75 the payload names the project the session is bound to ({@code projectId}); from 0.75 on it has
 * none ({@code authentication-utils.ts} @be989f5cba against @66f43de175).
 */
final class UserTokens {

    static final Duration DEFAULT_TTL = Duration.ofDays(7);

    private final byte[] secret;
    private final JsonMapper json;
    private final SandboxClock clock;

    UserTokens(String secret, JsonMapper json, SandboxClock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.json = json;
        this.clock = clock;
    }

    /** What a valid session token says: the user, and the project it is bound to before 0.75. */
    record Claims(String userId, @Nullable String projectId) {}

    String issue(Model.User user, @Nullable String projectId, Duration ttl) {
        Instant now = clock.now();
        var payload = new LinkedHashMap<String, Object>();
        payload.put("id", user.id);
        payload.put("type", "USER");
        if (projectId != null) {
            payload.put("projectId", projectId);
        }
        payload.put("platform", Map.of("id", user.platformId));
        payload.put("tokenVersion", "1");
        payload.put("iat", now.getEpochSecond());
        payload.put("exp", now.plus(ttl).getEpochSecond());
        payload.put("iss", "activepieces");
        String signingInput = b64(json.writeValueAsBytes(Map.of("alg", "HS256", "typ", "JWT"))) + "."
                + b64(json.writeValueAsBytes(payload));
        return signingInput + "." + b64(hmac(signingInput));
    }

    /** The claims of a valid, unexpired token. */
    Optional<Claims> verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        byte[] expected = hmac(parts[0] + "." + parts[1]);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.empty();
        }
        JsonNode payload = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        if (payload.path("exp").asLong() <= clock.now().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(new Claims(
                payload.path("id").asString(), payload.path("projectId").asString(null)));
    }

    private byte[] hmac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
