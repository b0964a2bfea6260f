package org.gauzy.bridge.platform;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/** Gauzy's error body: {@code {"statusCode": 404, "message": "…", "error": "Not Found"}}. */
public record ApiError(int statusCode, String message, String error) {

    public static ApiError of(HttpStatusCode status, String message) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return new ApiError(status.value(), message, known == null ? "Error" : known.getReasonPhrase());
    }
}
