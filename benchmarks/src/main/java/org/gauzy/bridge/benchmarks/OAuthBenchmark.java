package org.gauzy.bridge.benchmarks;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorization server under the load an automation platform makes: code round trips (an
 * authorization request from a signed-in session with remembered consent, answered by a redirect with
 * a code, then the form-encoded code exchange with the secret in the body, as Activepieces sends it)
 * and rotating refresh-token grants, from 4 and 16 concurrent clients on keep-alive connections, after
 * a warm-up. It runs the service on its embedded default (H2) and then on PostgreSQL, and prints
 * requests/s, p50/p90/p99, errors and the token sizes. Run as a normal user after
 * {@code ./mvnw -B -q -DskipTests install}:
 *
 * <pre>./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=org.gauzy.bridge.benchmarks.OAuthBenchmark
 *     [-Dexec.args="--warmup=150 --seconds=20 --databases=h2,postgres --server-jvm-args=…"]</pre>
 */
public final class OAuthBenchmark {

    private static final String REDIRECT = "https://automation.example/redirect";
    private static final String OAUTH = "/api/integration/ever-gauzy/oauth";
    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
    private static final int MAX_CLIENTS = 16;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private ApiCalls api;
    private String base;
    private String clientId;
    private String clientSecret;
    private String sessionCookie;
    private String authorizeQuery;

    public static void main(String[] args) throws Exception {
        var options = new BenchmarkOptions(args);
        var benchmark = new OAuthBenchmark();
        options.eachDatabase((database, environment) -> benchmark.run(
                database,
                environment,
                options.jar(),
                options.serverJvmArgs(),
                options.seconds("warmup", 150),
                options.seconds("seconds", 20)));
    }

    private void run(
            String database,
            Map<String, String> environment,
            Path jar,
            String jvmArgs,
            Duration warmup,
            Duration measure)
            throws Exception {
        try (var service = ServiceProcess.start(jar, jvmArgs, environment, http)) {
            base = service.base();
            api = new ApiCalls(http, json, base);
            prepare();
            var refreshTokens = new AtomicReferenceArray<String>(MAX_CLIENTS);
            JsonNode sample = null;
            for (int c = 0; c < MAX_CLIENTS; c++) {
                sample = json.readTree(exchange(code()).body());
                refreshTokens.set(c, sample.path("refresh_token").asString());
            }
            System.out.printf(
                    "%n%s: access token %d bytes, refresh token %d bytes, token response %d bytes;"
                            + " warming up %d s%n",
                    database,
                    sample.path("access_token").asString().length(),
                    sample.path("refresh_token").asString().length(),
                    json.writeValueAsString(sample).length(),
                    warmup.toSeconds());
            Load.run("warm-up round trips", 4, warmup.dividedBy(2), (client, i) -> roundTrip());
            Load.run("warm-up refreshes", 4, warmup.dividedBy(2), (client, i) -> refresh(refreshTokens, client));
            for (int clients : new int[] {4, 16}) {
                System.out.println(Load.run("code round trip", clients, measure, (client, i) -> roundTrip())
                        .line());
            }
            for (int clients : new int[] {4, 16}) {
                System.out.println(
                        Load.run("rotating refresh", clients, measure, (client, i) -> refresh(refreshTokens, client))
                                .line());
            }
        }
    }

    /** A user who signed in on our page and consented with "remember", and a client to authorize. */
    private void prepare() throws Exception {
        var admin = api.onboard("oauth-bench");
        JsonNode client = api.post(
                "/api/oauth/clients",
                admin.token(),
                Map.of("name", "Automation", "redirectUris", List.of(REDIRECT), "allowedScopes", List.of("gauzy:all")));
        clientId = client.path("clientId").asString();
        clientSecret = client.path("clientSecret").asString();
        authorizeQuery = "response_type=code&client_id=" + enc(clientId) + "&redirect_uri=" + enc(REDIRECT)
                + "&scope=gauzy%3Aall&state=bench";

        var login = send(
                HttpRequest.newBuilder(URI.create(base + OAUTH + "/authorize?" + authorizeQuery))
                        .GET(),
                null);
        String csrfCookie = cookie(login, "gauzy_oauth_csrf");
        var form = hidden(login.body());
        form.put("email", admin.email());
        form.put("password", ServiceProcess.ADMIN_PASSWORD);
        var signedIn = send(post(OAUTH + "/authorize/login", form), "gauzy_oauth_csrf=" + csrfCookie);
        sessionCookie = "gauzy_oauth_session=" + cookie(signedIn, "gauzy_oauth_session");
        var consent = send(
                HttpRequest.newBuilder(URI.create(base + OAUTH + "/authorize?" + authorizeQuery))
                        .GET(),
                sessionCookie);
        var decision = hidden(consent.body());
        decision.put("decision", "allow");
        decision.put("organizationId", admin.organizationId());
        decision.put("remember", "on");
        var allowed = send(post(OAUTH + "/authorize/consent", decision), sessionCookie);
        if (allowed.statusCode() != 303) {
            throw new IllegalStateException("Consent answered " + allowed.statusCode() + ": " + allowed.body());
        }
    }

    private boolean roundTrip() throws Exception {
        return exchange(code()).statusCode() == 200;
    }

    /** An authorization request with remembered consent: answered at once by a redirect with a code. */
    private String code() throws Exception {
        var answer = http.send(
                HttpRequest.newBuilder(URI.create(base + OAUTH + "/authorize?" + authorizeQuery))
                        .header("Cookie", sessionCookie)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        String location = answer.headers()
                .firstValue("Location")
                .orElseThrow(() ->
                        new IllegalStateException("authorize answered " + answer.statusCode() + " without a redirect"));
        int start = location.indexOf("code=") + 5;
        int end = location.indexOf('&', start);
        return URLDecoder.decode(location.substring(start, end < 0 ? location.length() : end), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> exchange(String code) throws Exception {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "authorization_code");
        form.put("redirect_uri", REDIRECT);
        form.put("code", code);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return http.send(post(OAUTH + "/token", form).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One client's refresh chain: each refresh uses the token the previous one answered. */
    private boolean refresh(AtomicReferenceArray<String> refreshTokens, int client) throws Exception {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshTokens.get(client));
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        var answer = http.send(post(OAUTH + "/token", form).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            return false;
        }
        String body = answer.body();
        int start = body.indexOf("\"refresh_token\":\"") + 17;
        refreshTokens.set(client, body.substring(start, body.indexOf('"', start)));
        return true;
    }

    private HttpRequest.Builder post(String path, Map<String, String> form) {
        var body = new ArrayList<String>();
        form.forEach((name, value) -> body.add(enc(name) + "=" + enc(value)));
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String cookie) throws Exception {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(HttpResponse<?> response, String name) {
        for (String line : response.headers().allValues("Set-Cookie")) {
            if (line.startsWith(name + "=")) {
                return line.substring(name.length() + 1, line.indexOf(';'));
            }
        }
        throw new IllegalStateException("No " + name + " cookie in the answer (" + response.statusCode() + ")");
    }

    private static Map<String, String> hidden(String html) {
        var fields = new LinkedHashMap<String, String>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&amp;", "&"));
        }
        return fields;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
