package org.gauzy.bridge.oauth;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * An error of the OAuth protocol endpoints, answered in RFC 6749's shape
 * {@code {"error", "error_description"}} (or as redirect parameters by the authorization endpoint).
 */
final class OAuthError extends RuntimeException {

    static final String INVALID_REQUEST = "invalid_request";
    static final String INVALID_CLIENT = "invalid_client";
    static final String INVALID_GRANT = "invalid_grant";
    static final String UNAUTHORIZED_CLIENT = "unauthorized_client";
    static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";
    static final String UNSUPPORTED_RESPONSE_TYPE = "unsupported_response_type";
    static final String INVALID_SCOPE = "invalid_scope";
    static final String ACCESS_DENIED = "access_denied";
    static final String LOGIN_REQUIRED = "login_required";
    static final String CONSENT_REQUIRED = "consent_required";
    static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

    private final String error;
    private final HttpStatus status;
    private final @Nullable Duration retryAfter;
    private final boolean basicChallenge;
    private final String description;

    private OAuthError(
            String error,
            String description,
            HttpStatus status,
            @Nullable Duration retryAfter,
            boolean basicChallenge) {
        super(description, null, false, false);
        this.description = description;
        this.error = error;
        this.status = status;
        this.retryAfter = retryAfter;
        this.basicChallenge = basicChallenge;
    }

    static OAuthError of(String error, String description) {
        return new OAuthError(error, description, HttpStatus.BAD_REQUEST, null, false);
    }

    /** A failed client authentication: 401, with a Basic challenge when the client tried Basic. */
    static OAuthError invalidClient(boolean triedBasic) {
        return new OAuthError(
                INVALID_CLIENT,
                "Client authentication failed: unknown client, wrong secret or inactive client",
                HttpStatus.UNAUTHORIZED,
                null,
                triedBasic);
    }

    static OAuthError throttled(Duration wait) {
        return new OAuthError(
                TEMPORARILY_UNAVAILABLE,
                "Too many failed client authentications; try again in " + Math.max(1, wait.toSeconds()) + " seconds",
                HttpStatus.TOO_MANY_REQUESTS,
                wait,
                false);
    }

    String error() {
        return error;
    }

    String description() {
        return description;
    }

    HttpStatus status() {
        return status;
    }

    @Nullable
    Duration retryAfter() {
        return retryAfter;
    }

    boolean basicChallenge() {
        return basicChallenge;
    }
}
