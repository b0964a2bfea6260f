package org.gauzy.bridge.platform;

import jakarta.validation.ConstraintViolationException;
import java.util.stream.Collectors;
import org.apache.catalina.connector.ClientAbortException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one place where exceptions become Gauzy's {@code {statusCode, message, error}} body. Messages
 * name the field to fix; a 500 says nothing about internals and is logged once, with the request id.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> handle(ApiException e) {
        var response = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, ApiException.retryAfterHeader(e.retryAfter()));
        }
        return response.body(ApiError.of(e.status(), e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> handle(MethodArgumentNotValidException e) {
        String message = e.getBindingResult().getAllErrors().stream()
                .map(error -> error instanceof FieldError field
                        ? field.getField() + " " + field.getDefaultMessage()
                        : error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return badRequest(message);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> handle(HandlerMethodValidationException e) {
        String message = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> result.getMethodParameter().getParameterName() + " " + error.getDefaultMessage()))
                .sorted()
                .collect(Collectors.joining("; "));
        return badRequest(message);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> handle(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return badRequest(message);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> handle(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyLimitFilter.BodyTooLarge) {
                return respond(HttpStatus.CONTENT_TOO_LARGE, BodyLimitFilter.TOO_LARGE);
            }
        }
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof InvalidFormatException invalid
                && !invalid.getPath().isEmpty()) {
            return badRequest(fieldPath(invalid) + " has an invalid value"); // its path reference names our classes
        }
        if (cause instanceof MismatchedInputException mismatched
                && !mismatched.getPath().isEmpty()) {
            return badRequest(fieldPath(mismatched) + " has the wrong type");
        }
        return badRequest("The request body is missing or is not valid JSON");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> handle(MethodArgumentTypeMismatchException e) {
        return badRequest(e.getName() + " has an invalid value");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> handle(MissingServletRequestParameterException e) {
        return badRequest(e.getParameterName() + " is required");
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ApiError> handle(DuplicateKeyException e) {
        return respond(HttpStatus.CONFLICT, "This already exists");
    }

    /**
     * The client went away while its request was read or its answer written (a closed tab, an interrupted
     * {@code curl}, a caller's time-out): no one is left to answer, and it is not the service's fault, so it is
     * no error to page anyone for. Only the request's own streams throw these two; a call of ours to another
     * server that fails the same way is not one of them.
     */
    @ExceptionHandler({AsyncRequestNotUsableException.class, ClientAbortException.class})
    @Nullable
    ResponseEntity<ApiError> clientGone(Exception e) {
        log.debug("The client went away before its answer was written: {}", e.getMessage());
        return null;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> handle(Exception e) {
        if (DatabaseOutage.isOutage(e)) {
            log.warn("Database unavailable: answered 503");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, ApiException.retryAfterHeader(DatabaseOutage.RETRY_AFTER))
                    .body(ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutage.MESSAGE));
        }
        if (e instanceof ErrorResponse known) {
            // Spring MVC's own errors (404 no route, 405, 415, …) keep their status, in our shape.
            HttpStatusCode status = known.getStatusCode();
            String detail = known.getBody().getDetail();
            return respond(
                    status, detail != null ? detail : ApiError.of(status, "").error());
        }
        log.error("Unhandled error", e);
        return respond(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side. Try again; if it persists, report the request id.");
    }

    /** {@code items[0].name}: the field as the client wrote it, never the classes it binds to. */
    private static String fieldPath(MismatchedInputException e) {
        var path = new StringBuilder();
        e.getPath().forEach(ref -> {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        });
        return path.toString();
    }

    private static ResponseEntity<ApiError> badRequest(String message) {
        return respond(HttpStatus.BAD_REQUEST, message);
    }

    private static ResponseEntity<ApiError> respond(HttpStatusCode status, String message) {
        return ResponseEntity.status(status).body(ApiError.of(status, message));
    }
}
