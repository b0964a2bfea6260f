package org.gauzy.bridge.pages;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.util.UriUtils;

/** What page controllers answer besides a template: a 303 after a form post. */
public final class Pages {

    /** Where the pages live; the page session cookie is scoped to it. */
    public static final String BASE = "/pages";

    private Pages() {}

    /**
     * Where a page of an offset-paged list stands, for the pager and the "1–20 of 40" line: the offsets
     * of the pages before and after it, null at either end.
     */
    public record Offsets(int skip, int size, long total) {

        public @Nullable Integer previous() {
            return skip > 0 ? Math.max(0, skip - size) : null;
        }

        public @Nullable Integer next() {
            return skip + size < total ? skip + size : null;
        }
    }

    /**
     * A 303 to {@code location}, written directly: resolving "redirect:" view names would build and
     * initialise a new view bean for every distinct location.
     */
    public static ModelAndView seeOther(String location) {
        return new ModelAndView((View) (model, request, response) -> {
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader(HttpHeaders.LOCATION, location);
        });
    }

    /** A 303 to {@code path} with query parameters, each encoded. */
    public static ModelAndView seeOther(String path, Map<String, String> query) {
        if (query.isEmpty()) {
            return seeOther(path);
        }
        return seeOther(path + "?"
                + query.entrySet().stream()
                        .map(e -> e.getKey() + "=" + UriUtils.encodeQueryParam(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")));
    }

    /**
     * The confirmation a page shows after a redirect. The address carries only a key, looked up in
     * the page's own texts, so nobody can make a page say something else.
     */
    public static @Nullable String notice(Map<String, String> texts, @Nullable String key) {
        return key == null ? null : texts.get(key);
    }

    /** Puts {@code value} in a page's model unless it is null (Thymeleaf tests absence with th:if). */
    public static void putIfPresent(Map<String, Object> model, String name, @Nullable Object value) {
        if (value != null) {
            model.put(name, value);
        }
    }

    /** A template with its model, answered with {@code status}. */
    public static ModelAndView view(String template, HttpStatus status, Map<String, ?> model) {
        var page = new ModelAndView(template, model);
        page.setStatus(status);
        return page;
    }
}
