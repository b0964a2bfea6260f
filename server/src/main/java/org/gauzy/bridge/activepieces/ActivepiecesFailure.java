package org.gauzy.bridge.activepieces;

import java.time.Duration;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Activepieces said no, or could not be reached: our status and a message that names what
 * Activepieces said. Its 401 becomes our 502 (never a 401, which a front end would take as its own
 * session ending).
 */
final class ActivepiecesFailure extends ApiException {

    /** Activepieces' own status (0 when it was not reached) and its error code, for callers that react to them. */
    final int upstreamStatus;

    final @Nullable String upstreamCode;

    /** Activepieces' {@code params.message}, when it gave one. */
    final @Nullable String upstreamMessage;

    private ActivepiecesFailure(
            HttpStatus status,
            String message,
            int upstreamStatus,
            @Nullable String upstreamCode,
            @Nullable String upstreamMessage,
            @Nullable Duration retryAfter) {
        super(status, message, retryAfter);
        this.upstreamStatus = upstreamStatus;
        this.upstreamCode = upstreamCode;
        this.upstreamMessage = upstreamMessage;
    }

    static ActivepiecesFailure answered(
            int upstream, @Nullable String code, @Nullable String upstreamMessage, String said) {
        return switch (upstream) {
            case 401 ->
                new ActivepiecesFailure(
                        HttpStatus.BAD_GATEWAY,
                        "Activepieces refused the API key (" + said + "); check the key set up for this organization",
                        upstream,
                        code,
                        upstreamMessage,
                        null);
            case 403 ->
                new ActivepiecesFailure(
                        HttpStatus.FORBIDDEN,
                        "Activepieces refused access: " + said,
                        upstream,
                        code,
                        upstreamMessage,
                        null);
            case 404 ->
                new ActivepiecesFailure(
                        HttpStatus.NOT_FOUND, "Activepieces: " + said, upstream, code, upstreamMessage, null);
            case 400, 402, 409, 422 ->
                new ActivepiecesFailure(
                        HttpStatus.BAD_REQUEST,
                        "Activepieces refused the request: " + said,
                        upstream,
                        code,
                        upstreamMessage,
                        null);
            default ->
                new ActivepiecesFailure(
                        HttpStatus.BAD_GATEWAY,
                        "Activepieces answered " + upstream + ": " + said,
                        upstream,
                        code,
                        upstreamMessage,
                        null);
        };
    }

    static ActivepiecesFailure rateLimited(Duration retryAfter) {
        return new ActivepiecesFailure(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Activepieces is limiting our requests; try again in " + Math.max(1, retryAfter.toSeconds()) + " s",
                429,
                null,
                null,
                retryAfter);
    }

    static ActivepiecesFailure unreachable(String base) {
        return new ActivepiecesFailure(
                HttpStatus.BAD_GATEWAY,
                "Activepieces is unreachable at " + base + "; check ACTIVEPIECES_BASE_URL and that Activepieces is up",
                0,
                null,
                null,
                null);
    }

    static ActivepiecesFailure timedOut(String base, Duration after) {
        return new ActivepiecesFailure(
                HttpStatus.GATEWAY_TIMEOUT,
                "Activepieces at " + base + " did not answer within " + after.toMillis() + " ms",
                0,
                null,
                null,
                null);
    }

    static ActivepiecesFailure circuitOpen(String base, Duration wait) {
        return new ActivepiecesFailure(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Activepieces at " + base + " is failing; not calling it for another " + Math.max(1, wait.toSeconds())
                        + " s",
                0,
                null,
                null,
                wait);
    }
}
