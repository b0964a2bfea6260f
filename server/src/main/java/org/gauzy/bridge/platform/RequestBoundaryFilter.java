package org.gauzy.bridge.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every request is before any of our code reads it, checked in one place for every route, present and
 * future, signed in or not (it runs before security):
 * <ul>
 * <li>Parameters (query and form) hold no control characters but tab, CR and LF, in names or values: a NUL
 * would reach a database that refuses it.</li>
 * <li>Under {@code /api}, a body is {@code application/json} or a form; any other type is a 415. Spring would
 * parse {@code application/merge-patch+json} and every {@code +json} type as JSON too, which the tenant check
 * would not see.</li>
 * <li>A JSON body is well-formed, at most {@value #MAX_DEPTH} levels deep, with at most {@value #MAX_FIELDS}
 * fields in an object and {@value #MAX_TOKENS} values in all, and its names and strings hold no NUL, no control
 * character but tab, CR and LF, and no lone surrogate; else a 400 that says where. Express's body parser
 * refuses a malformed body on every route of Gauzy's, whether the route reads it or not; so does this.</li>
 * </ul>
 * A JSON body is parsed once here; the tree is kept for the tenant check ({@link #jsonBody}) and the bytes are
 * replayed to the handler.
 * Its size was bounded before ({@link BodyLimitFilter}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
public class RequestBoundaryFilter extends OncePerRequestFilter {

    static final int MAX_DEPTH = 32;
    static final int MAX_FIELDS = 1000;
    static final int MAX_TOKENS = 100_000;
    private static final String BODY = RequestBoundaryFilter.class.getName() + ".body";

    private final ApiErrorWriter errors;
    private final JsonMapper bounded;

    RequestBoundaryFilter(ApiErrorWriter errors) {
        this.errors = errors;
        this.bounded = JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(MAX_DEPTH)
                                .maxTokenCount(MAX_TOKENS)
                                .build())
                        .build())
                .build();
    }

    /** The request's JSON body, parsed, once this filter has passed it; null when there is none. */
    public static @Nullable JsonNode jsonBody(HttpServletRequest request) {
        return request.getAttribute(BODY) instanceof JsonNode body ? body : null;
    }

    /** A request this filter refuses, with the status and the message that says what to fix. */
    private static final class Refused extends Exception {
        private final HttpStatus status;
        private final String message;

        Refused(HttpStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
            this.message = message;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest forward;
        try {
            forward = check(request);
        } catch (Refused refused) {
            errors.write(response, refused.status, refused.message);
            return;
        }
        chain.doFilter(forward, response);
    }

    private HttpServletRequest check(HttpServletRequest request) throws Refused, IOException {
        boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        MediaType type = hasBody(request) ? mediaType(request) : null;
        if (api && hasBody(request)) {
            boolean form = type != null && type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED);
            boolean plainJson = type != null
                    && type.getType().equals("application")
                    && type.getSubtype().equals("json");
            if (!form && !plainJson) {
                throw new Refused(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "Send the body as application/json (or, where "
                                + "the endpoint documents it, application/x-www-form-urlencoded); "
                                + (type == null
                                        ? "a body without a Content-Type"
                                        : type.getType() + "/" + type.getSubtype())
                                + " is not accepted");
            }
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            if (controlCharacter(name, false) >= 0) {
                throw new Refused(HttpStatus.BAD_REQUEST, "A parameter name contains a control character; remove it");
            }
            for (String value : parameter.getValue()) {
                int bad = controlCharacter(value, true);
                if (bad >= 0) {
                    throw new Refused(
                            HttpStatus.BAD_REQUEST,
                            "The parameter " + name + " contains a control character (" + codePoint(bad)
                                    + "); remove it");
                }
            }
        }
        if (type == null || !type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return request;
        }
        byte[] bytes;
        try {
            bytes = request.getInputStream().readNBytes(BodyLimitFilter.MAX_BODY_BYTES + 1);
        } catch (BodyLimitFilter.BodyTooLarge tooLarge) {
            bytes = null;
        }
        if (bytes == null || bytes.length > BodyLimitFilter.MAX_BODY_BYTES) {
            throw new Refused(HttpStatus.CONTENT_TOO_LARGE, BodyLimitFilter.TOO_LARGE);
        }
        if (bytes.length > 0 && !isBlank(bytes)) {
            request.setAttribute(BODY, parse(bytes));
        }
        return new CachedBodyRequest(request, bytes);
    }

    /**
     * Parses the body once, bounded in depth and values, into the tree the tenant check reads; then walks it
     * for what no field may hold, so that a refusal names the place.
     */
    private JsonNode parse(byte[] bytes) throws Refused {
        JsonNode tree;
        try {
            tree = bounded.readTree(bytes);
        } catch (StreamConstraintsException tooComplex) {
            throw new Refused(
                    HttpStatus.BAD_REQUEST,
                    "The request body is nested deeper than " + MAX_DEPTH + " levels or holds more than " + MAX_TOKENS
                            + " values");
        } catch (JacksonException malformed) {
            throw new Refused(
                    HttpStatus.BAD_REQUEST, "The request body is not valid JSON " + where(malformed.getLocation()));
        }
        check(tree, "");
        return tree;
    }

    private static void check(JsonNode node, String path) throws Refused {
        if (node.isString()) {
            String value = node.asString();
            int bad = controlCharacter(value, true);
            if (bad >= 0) {
                throw new Refused(
                        HttpStatus.BAD_REQUEST,
                        named(path) + " contains a control character (" + codePoint(bad) + "); remove it");
            }
            if (loneSurrogate(value)) {
                throw new Refused(
                        HttpStatus.BAD_REQUEST,
                        named(path) + " contains a lone surrogate (half of a UTF-16 pair); send valid Unicode");
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            if (node.size() > MAX_FIELDS) {
                throw new Refused(
                        HttpStatus.BAD_REQUEST,
                        "An object in the request body has more than " + MAX_FIELDS + " fields (at " + named(path)
                                + ")");
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = field.getKey();
                if (controlCharacter(name, false) >= 0 || loneSurrogate(name)) {
                    throw new Refused(
                            HttpStatus.BAD_REQUEST,
                            "A field name in the request body (at " + named(path)
                                    + ") contains a control character or a lone surrogate; remove it");
                }
                check(field.getValue(), path.isEmpty() ? name : path + "." + name);
            }
        }
    }

    /** {@code items[3].name}, or {@code the body} at the root. */
    private static String named(String path) {
        return path.isEmpty() ? "the body" : path;
    }

    private static String where(@Nullable TokenStreamLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : "(line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The index of the first control character (tab, CR and LF allowed in values), or -1. */
    static int controlCharacter(String text, boolean value) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (value && (c == '\t' || c == '\n' || c == '\r')) {
                    continue;
                }
                return c;
            }
        }
        return -1;
    }

    static boolean loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String codePoint(int c) {
        return String.format(Locale.ROOT, "U+%04X", c);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static @Nullable MediaType mediaType(HttpServletRequest request) throws Refused {
        String type = request.getContentType();
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(type);
        } catch (RuntimeException invalid) {
            throw new Refused(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type header is not a media type; send application/json");
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
