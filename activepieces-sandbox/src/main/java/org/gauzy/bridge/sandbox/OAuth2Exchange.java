package org.gauzy.bridge.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How Activepieces runs OAuth2 for a piece ({@code credentials-oauth2-service}): the code exchange on
 * upsert and the refresh when a token is due, both form-encoded POSTs to the piece's token URL with
 * the client credentials in the body (or a Basic header when {@code authorization_method} is HEADER).
 */
final class OAuth2Exchange {

    /** The five token-response fields kept at the top of the stored value; the rest go to {@code data}. */
    private static final Set<String> TOP_LEVEL =
            Set.of("access_token", "refresh_token", "expires_in", "token_type", "scope");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    private static final Duration REFRESH_MARGIN = Duration.ofMinutes(15);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final JsonMapper json;
    private final SandboxClock clock;

    OAuth2Exchange(JsonMapper json, SandboxClock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** The outcome of a token request: the parsed JSON on 2xx, else the provider's error. */
    record TokenResponse(
            boolean ok, @Nullable ObjectNode body, @Nullable String error) {}

    /** Exchanges {@code value.code}; the stored value on success, else 400 INVALID_CLAIM. */
    ObjectNode claim(Model.Piece.OAuth2 auth, JsonNode value) {
        ObjectNode props = value.get("props") instanceof ObjectNode p ? p : json.createObjectNode();
        String tokenUrl = fill(auth.tokenUrl(), props);
        String clientId = value.path("client_id").asString();
        String redirectUrl = value.path("redirect_url").asString();
        String method = value.path("authorization_method").asString("BODY");
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "authorization_code");
        form.put("redirect_uri", redirectUrl);
        form.put("code", value.path("code").asString());
        if (value.hasNonNull("code_challenge")) {
            form.put("code_verifier", value.path("code_challenge").asString());
        }
        TokenResponse response =
                post(tokenUrl, form, clientId, value.path("client_secret").asString(), method);
        if (!response.ok() || response.body() == null || !response.body().hasNonNull("access_token")) {
            var params = new LinkedHashMap<String, Object>();
            params.put("clientId", clientId);
            params.put("tokenUrl", tokenUrl);
            params.put("redirectUrl", redirectUrl);
            // Activepieces' message is the token endpoint's error_description, and nothing when the endpoint
            // did not say one or was not reached (an AxiosError without a response); its own checks, such as
            // the SSRF filter's refusal of a private address, say "unknown error"
            // (credentials-oauth2-service.ts, claim's catch, at 66f43de175).
            if (response.body() != null && response.body().hasNonNull("error_description")) {
                params.put("message", response.body().path("error_description").asString());
            }
            throw ApError.domain(400, "INVALID_CLAIM", params);
        }
        ObjectNode stored = json.createObjectNode();
        stored.put("type", "OAUTH2");
        ObjectNode data = json.createObjectNode();
        response.body().properties().forEach(e -> {
            if (TOP_LEVEL.contains(e.getKey())) {
                stored.set(e.getKey(), e.getValue());
            } else {
                data.set(e.getKey(), e.getValue());
            }
        });
        stored.put("claimed_at", clock.now().getEpochSecond());
        stored.put("token_url", tokenUrl);
        stored.put("client_id", clientId);
        stored.put("client_secret", value.path("client_secret").asString());
        stored.put("redirect_url", redirectUrl);
        stored.put("grant_type", value.path("grant_type").asString("authorization_code"));
        stored.put("authorization_method", method);
        stored.set("props", props);
        stored.set("data", data);
        return stored;
    }

    /**
     * {@code oauth2Util.isExpired}: due when now + 15 min reaches claimed_at + expires_in (3600 when
     * absent); never for an authorization-code connection without a refresh token.
     */
    boolean isDue(JsonNode value) {
        boolean authorizationCode =
                "authorization_code".equals(value.path("grant_type").asString("authorization_code"));
        if (authorizationCode && !value.hasNonNull("refresh_token")) {
            return false;
        }
        long expiresAt =
                value.path("claimed_at").asLong() + value.path("expires_in").asLong(3600);
        return clock.now().plus(REFRESH_MARGIN).getEpochSecond() >= expiresAt;
    }

    /** A refresh request; the caller merges the answer's non-null fields into the stored value. */
    TokenResponse refresh(JsonNode value) {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", value.path("refresh_token").asString());
        return post(
                value.path("token_url").asString(),
                form,
                value.path("client_id").asString(),
                value.path("client_secret").asString(),
                value.path("authorization_method").asString("BODY"));
    }

    /** The merged value after a successful refresh: non-null fields only, {@code claimed_at} now. */
    ObjectNode merge(ObjectNode value, ObjectNode refreshed) {
        ObjectNode merged = value.deepCopy();
        refreshed.properties().forEach(e -> {
            if (!e.getValue().isNull() && TOP_LEVEL.contains(e.getKey())) {
                merged.set(e.getKey(), e.getValue());
            }
        });
        merged.put("claimed_at", clock.now().getEpochSecond());
        return merged;
    }

    private TokenResponse post(
            String url, Map<String, String> form, String clientId, String clientSecret, String method) {
        var body = new LinkedHashMap<>(form);
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json");
        if ("HEADER".equals(method)) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        } else {
            body.put("client_id", clientId);
            body.put("client_secret", clientSecret);
        }
        String encoded = body.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = http.send(
                    request.POST(HttpRequest.BodyPublishers.ofString(encoded)).build(),
                    HttpResponse.BodyHandlers.ofString());
            ObjectNode parsed = parse(response.body());
            boolean ok = response.statusCode() / 100 == 2 && parsed != null;
            String error = parsed == null ? null : parsed.path("error").asString(null);
            return new TokenResponse(ok, parsed, error);
        } catch (IOException | IllegalArgumentException e) {
            return new TokenResponse(false, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TokenResponse(false, null, null);
        }
    }

    private @Nullable ObjectNode parse(String text) {
        try {
            return json.readTree(text) instanceof ObjectNode object ? object : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** Replaces {@code {prop}} with the connection's props, as {@code resolveValueFromProps} does. */
    static String fill(String template, JsonNode props) {
        Matcher m = PLACEHOLDER.matcher(template);
        var out = new StringBuilder();
        while (m.find()) {
            JsonNode value = props.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group(0) : value.asString()));
        }
        return m.appendTail(out).toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
