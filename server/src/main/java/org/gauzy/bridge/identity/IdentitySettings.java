package org.gauzy.bridge.identity;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.gauzy.bridge.platform.AttemptThrottle;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Settings of sign-in and tokens; each is also an environment variable (see application.yml and
 * the README's configuration table).
 *
 * @param issuer the service's public base URL, written into tokens as {@code iss}
 * @param signingKey an EC P-256 private key as a JWK (JSON); empty means generate one into the data folder
 */
@ConfigurationProperties("gauzy.identity")
record IdentitySettings(
        String issuer,
        @DurationUnit(ChronoUnit.SECONDS) Duration accessTokenTtl,
        @DurationUnit(ChronoUnit.SECONDS) Duration refreshTokenTtl,
        @Nullable String signingKey,
        boolean registrationEnabled,
        int registrationsPerAddress,
        Admin admin,
        Throttle loginThrottle) {

    /** The first tenant, organization and SUPER_ADMIN, created on an empty database. */
    record Admin(String email, @Nullable String password, String tenantName, String organizationName) {}

    /**
     * Failed sign-ins: per account from one address and per address, before they wait out the window; per
     * account from everywhere, before addresses that never signed in to it slow down (up to {@code maxDelay}).
     */
    record Throttle(int perAccountAndAddress, int perAddress, int perAccount, Duration window, Duration maxDelay) {

        AttemptThrottle.Limits limits() {
            return new AttemptThrottle.Limits(perAccountAndAddress, perAddress, perAccount, window, maxDelay);
        }
    }
}
