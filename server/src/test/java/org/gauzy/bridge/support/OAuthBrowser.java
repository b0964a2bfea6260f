package org.gauzy.bridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser going through the authorization pages: it keeps cookies, reads the hidden fields of the
 * forms it is shown and posts them back, as a person clicking through would.
 */
public final class OAuthBrowser {

    public static final String AUTHORIZE = "/api/integration/ever-gauzy/oauth/authorize";
    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

    private final Api api;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public OAuthBrowser(Api api) {
        this.api = api;
    }

    public static String query(Map<String, String> parameters) {
        var out = new StringBuilder();
        parameters.forEach((name, value) -> out.append(out.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return out.toString();
    }

    public Api.Response open(Map<String, String> parameters) {
        return get(AUTHORIZE + "?" + query(parameters));
    }

    public Api.Response get(String path) {
        return keep(withCookies(api.get(path)).send());
    }

    /** Submits the form of a page shown before (login or consent), with the page's hidden fields. */
    public Api.Response submit(Api.Response page, String action, Map<String, String> fields) {
        var form = hiddenFields(page.text());
        form.putAll(fields);
        return keep(withCookies(api.post(AUTHORIZE + action)).form(form).send());
    }

    /** Signs in on a login page and follows the redirect back to the authorization request. */
    public Api.Response signIn(Api.Response loginPage, String email, String password) {
        var afterLogin = submit(loginPage, "/login", Map.of("email", email, "password", password));
        assertThat(afterLogin.status()).as(afterLogin.text()).isEqualTo(303);
        return get(afterLogin.header("Location"));
    }

    /** Allows on a consent page and answers the redirect to the client. */
    public URI allow(Api.Response consentPage, String organizationId, boolean remember) {
        var fields = new LinkedHashMap<>(Map.of("decision", "allow", "organizationId", organizationId));
        if (remember) {
            fields.put("remember", "on");
        }
        var answer = submit(consentPage, "/consent", fields);
        assertThat(answer.status()).as(answer.text()).isEqualTo(303);
        return URI.create(answer.header("Location"));
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    public static Map<String, String> hiddenFields(String html) {
        var fields = new LinkedHashMap<String, String>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        return fields;
    }

    /** The parameters of a redirect's query. */
    public static Map<String, String> parameters(URI uri) {
        var out = new LinkedHashMap<String, String>();
        if (uri.getRawQuery() == null) {
            return out;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private Api.Call withCookies(Api.Call call) {
        if (!cookies.isEmpty()) {
            var header = new StringBuilder();
            cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ")
                    .append(name)
                    .append('=')
                    .append(value));
            call.header("Cookie", header.toString());
        }
        return call;
    }

    private Api.Response keep(Api.Response response) {
        response.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                .flatMap(e -> e.getValue().stream())
                .forEach(line -> {
                    String pair = line.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    String name = pair.substring(0, eq).trim();
                    String value = pair.substring(eq + 1).trim();
                    if (value.isEmpty() || line.toLowerCase().contains("max-age=0")) {
                        cookies.remove(name);
                    } else {
                        cookies.put(name, value);
                    }
                });
        return response;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
