package org.gauzy.bridge.platform;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * An error whose message is written for the caller: it is returned as is in Gauzy's
 * {@code {statusCode, message, error}} shape, so it must say what went wrong and what to do, and never
 * carry a secret. Throw the named subclass where the problem is known; {@link ApiExceptionHandler}
 * translates it once at the edge.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final @Nullable Duration retryAfter;

    public ApiException(HttpStatus status, String message) {
        this(status, message, null);
    }

    public ApiException(HttpStatus status, String message, @Nullable Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** Never null: every constructor takes the message the caller will read. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    public HttpStatus status() {
        return status;
    }

    /** A {@code Retry-After} header's value for a wait: whole seconds, at least one. */
    public static String retryAfterHeader(Duration wait) {
        return Long.toString(Math.max(1, wait.toSeconds()));
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    /** 400: the request is wrong in a way the caller can fix. */
    public static class BadRequest extends ApiException {
        public BadRequest(String message) {
            super(HttpStatus.BAD_REQUEST, message);
        }
    }

    /** 401: no valid credentials. */
    public static class Unauthorized extends ApiException {
        public Unauthorized(String message) {
            super(HttpStatus.UNAUTHORIZED, message);
        }
    }

    /** 403: authenticated, but not allowed to do this. */
    public static class Forbidden extends ApiException {
        public Forbidden(String message) {
            super(HttpStatus.FORBIDDEN, message);
        }
    }

    /** 404: no such thing in the caller's tenant (which also covers other tenants' things). */
    public static class NotFound extends ApiException {
        public NotFound(String what, Object id) {
            super(HttpStatus.NOT_FOUND, what + " " + id + " was not found");
        }
    }

    /** 409: the request clashes with existing state. */
    public static class Conflict extends ApiException {
        public Conflict(String message) {
            super(HttpStatus.CONFLICT, message);
        }
    }

    /** 429: too many attempts; the caller may try again after {@code retryAfter}. */
    public static class TooManyRequests extends ApiException {
        public TooManyRequests(String message, Duration retryAfter) {
            super(HttpStatus.TOO_MANY_REQUESTS, message, retryAfter);
        }
    }
}
