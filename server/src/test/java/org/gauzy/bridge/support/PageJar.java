package org.gauzy.bridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The pages over plain HTTP, with a browser's cookies as far as tests need them: fast checks of what a page answers. */
public final class PageJar {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public final Map<String, String> cookies = new LinkedHashMap<>();
    private final Api api;

    public PageJar(Api api) {
        this.api = api;
    }

    public Api.Response get(String path) {
        return keep(with(api.get(path)).send());
    }

    public Api.Response post(String path, Map<String, String> form) {
        return keep(with(api.post(path)).form(form).send());
    }

    /** Signs in through the form, as a browser does; answers the redirect. */
    public Api.Response signIn(String email, String password, String next) {
        var form = get("/pages/login");
        var fields = new LinkedHashMap<>(Map.of("email", email, "password", password, "next", next));
        fields.put("_csrf", csrf(form));
        return post("/pages/login", fields);
    }

    /** The CSRF token of the first form of a page. */
    public static String csrf(Api.Response page) {
        Matcher m = CSRF_FIELD.matcher(page.text());
        assertThat(m.find()).as("a CSRF field in " + page.text()).isTrue();
        return m.group(1);
    }

    private Api.Call with(Api.Call call) {
        if (!cookies.isEmpty()) {
            var header = new StringBuilder();
            cookies.forEach((k, v) -> header.append(header.isEmpty() ? "" : "; ")
                    .append(k)
                    .append('=')
                    .append(v));
            call.header("Cookie", header.toString());
        }
        return call;
    }

    private Api.Response keep(Api.Response response) {
        for (String set : response.headers().getOrDefault("set-cookie", List.of())) {
            String pair = set.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.isEmpty() || set.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return response;
    }
}
