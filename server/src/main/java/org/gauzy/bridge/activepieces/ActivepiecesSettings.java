package org.gauzy.bridge.activepieces;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the service reaches Activepieces; each setting is also an environment variable (see the README).
 *
 * @param apiKey the global key ({@code GAUZY_ACTIVEPIECES_API_KEY}), used by tenants without their own
 * @param apiVersion pins the Activepieces release ("0.72", "0.85"…) instead of detecting its MCP API
 */
@ConfigurationProperties("gauzy.activepieces")
record ActivepiecesSettings(
        String baseUrl,
        @Nullable String apiKey,
        boolean allowGlobalKey,
        String pieceName,
        @Nullable String apiVersion,
        Duration connectTimeout,
        Duration readTimeout,
        int maxAttempts,
        Duration retryBackoff,
        Duration maxRetryAfter,
        int circuitFailureThreshold,
        Duration circuitOpenFor) {

    /** The REST base: {@code /api/v1} appended once, whatever form the configured URL has. */
    String apiBase() {
        String base = baseUrl.trim().replaceAll("/+$", "");
        if (base.endsWith("/api/v1")) {
            return base;
        }
        return base.endsWith("/api") ? base + "/v1" : base + "/api/v1";
    }
}
