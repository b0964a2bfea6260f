package org.gauzy.bridge.oauth;

import java.time.Duration;
import java.util.List;
import org.gauzy.bridge.platform.AttemptThrottle;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param codeTtl how long an authorization code may wait for its exchange (at most 5 minutes)
 * @param refreshGrace how long a used refresh token still answers its successor (concurrent refreshes
 *        by several automation jobs); after it, reuse revokes the whole grant
 * @param clientThrottle failed client authentications allowed per client, per address and per both
 * @param operators emails of the users who may create and manage global clients ({@code GAUZY_OAUTH_OPERATORS})
 * @param client a global client kept as configured ({@code GAUZY_OAUTH_APP_CLIENT_ID} and friends), for a
 *        deployment whose one Activepieces app serves every tenant
 */
@ConfigurationProperties("gauzy.oauth")
record OAuthSettings(
        List<String> operators,
        ConfiguredClient client,
        Duration codeTtl,
        Duration refreshGrace,
        Throttle clientThrottle) {

    static final Duration MAX_CODE_TTL = Duration.ofMinutes(5);

    OAuthSettings {
        if (codeTtl.isNegative() || codeTtl.isZero() || codeTtl.compareTo(MAX_CODE_TTL) > 0) {
            throw new IllegalStateException("GAUZY_OAUTH_CODE_TTL must be more than 0 and at most 5 minutes");
        }
        if (refreshGrace.isNegative() || refreshGrace.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalStateException("GAUZY_OAUTH_REFRESH_GRACE must be from 0 to 5 minutes");
        }
    }

    /**
     * Failed client authentications: per client from one address and per address, before they wait out the
     * window; per client from everywhere, before addresses that never authenticated it slow down.
     */
    record Throttle(int perClientAndAddress, int perAddress, int perClient, Duration window, Duration maxDelay) {

        AttemptThrottle.Limits limits() {
            return new AttemptThrottle.Limits(perClientAndAddress, perAddress, perClient, window, maxDelay);
        }
    }

    record ConfiguredClient(
            @Nullable String clientId, @Nullable String clientSecret, List<String> redirectUris, String name) {}

    boolean isOperator(String email) {
        return operators.stream().anyMatch(o -> o.trim().equalsIgnoreCase(email));
    }
}
