package org.gauzy.bridge.activepieces;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the service reaches Activepieces; each setting is also an environment variable (see the README).
 *
 * @param apiKey the global key ({@code GAUZY_ACTIVEPIECES_API_KEY}), used by tenants without their own
 * @param userEmail with {@code userPassword}, the global Activepieces user, for tenants without their own
 * @param apiVersion pins the Activepieces release ("0.72", "0.85"…) instead of asking Activepieces
 * @param gauzyUrl where Activepieces reaches this service (an OAUTH2 connection's {@code environment});
 *        empty: the public base URL
 * @param connectionTokenTtl how long an OAUTH2 connection's access tokens live before Activepieces refreshes them
 * @param frontendUrl where people open Activepieces ({@code AP_FRONTEND_URL}); empty: the base URL without
 *        {@code /api}
 */
@ConfigurationProperties("gauzy.activepieces")
record ActivepiecesSettings(
        String baseUrl,
        @Nullable String apiKey,
        @Nullable String userEmail,
        @Nullable String userPassword,
        boolean allowGlobalKey,
        String pieceName,
        @Nullable String apiVersion,
        Duration connectTimeout,
        Duration readTimeout,
        int maxAttempts,
        Duration retryBackoff,
        Duration maxRetryAfter,
        int circuitFailureThreshold,
        Duration circuitOpenFor,
        @Nullable String gauzyUrl,
        Duration connectionTokenTtl,
        @Nullable String frontendUrl) {

    @Override
    public String toString() {
        return "ActivepiecesSettings[" + baseUrl + ", api key " + (apiKey == null || apiKey.isBlank() ? "unset" : "set")
                + ", user " + (userEmail == null || userEmail.isBlank() ? "unset" : userEmail) + "]";
    }

    /** Where a person opens Activepieces: the configured front end, else the API's host. */
    String frontend() {
        String front = frontendUrl == null || frontendUrl.isBlank() ? baseUrl : frontendUrl;
        return withoutTrailingSlashes(front.trim()).replaceAll("/api(/v1)?$", "");
    }

    /** The REST base: {@code /api/v1} appended once, whatever form the configured URL has. */
    String apiBase() {
        String base = withoutTrailingSlashes(baseUrl.trim());
        if (base.endsWith("/api/v1")) {
            return base;
        }
        return base.endsWith("/api") ? base + "/v1" : base + "/api/v1";
    }

    /** Without a regular expression: every call to Activepieces asks for its base. */
    private static String withoutTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }
}
