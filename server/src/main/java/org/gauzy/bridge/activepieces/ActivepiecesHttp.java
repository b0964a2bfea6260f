package org.gauzy.bridge.activepieces;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.gauzy.bridge.platform.FirstUseTls;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way to send a call to Activepieces: {@code Authorization: Bearer <key or user session>}, path
 * segments URL-encoded, connect and read timeouts, retries with backoff only for idempotent calls and
 * only on 502, 503, 504 or a connection error, {@code Retry-After} honoured on 429, and a circuit breaker per base URL.
 * Logs each call on the access log (method, path and status only: never a key, a body or a query string), where
 * {@code ACCESS_LOG_LEVEL} keeps or silences it with the lines of the requests. Speaks HTTP/1.1 only, never
 * offering an {@code Upgrade: h2c}, which a self-hosted Activepieces answers by closing the connection.
 */
@Component
class ActivepiecesHttp implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ActivepiecesHttp.class);
    /** Under the access log's logger: a line per call, like the line per request it answers. */
    private static final Logger calls = LoggerFactory.getLogger("org.gauzy.bridge.access.activepieces");
    /** Calls in flight to one Activepieces at once; a request past them waits up to the connect timeout. */
    private static final int MAX_CONNECTIONS = 64;

    private final ActivepiecesSettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final CloseableHttpClient http;
    private final RestClient rest;
    private final Map<String, CircuitBreaker> circuits = new ConcurrentHashMap<>();

    ActivepiecesHttp(ActivepiecesSettings settings, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        // Apache's classic client: a call runs on the request's own thread, with no hand-over to a selector
        // thread and back (Java's HttpClient added 1 ms at p50 and 5 ms at p99 to a connections page), and it
        // speaks HTTP/1.1 only: on an http:// URL Java's client asks to upgrade to h2c, which a self-hosted
        // Activepieces (Node, with its websocket upgrade handler) answers with an empty reply.
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(new FirstUseTls())
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.readTimeout()))
                        // Activepieces, or a proxy before it, may close an idle keep-alive connection: check one
                        // idle this long before reusing it, since a write that fails on it is not retried.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(settings.connectTimeout()))
                        .setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .build())
                .disableRedirectHandling()
                // Retries are ours (reads only, with backoff, through the circuit breaker).
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        this.rest = RestClient.builder()
                .requestFactory(new HttpComponentsClientHttpRequestFactory(http))
                .build();
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }

    /** A call: method, path segments under {@code /api/v1} (each encoded), query, JSON body. */
    record Call(
            HttpMethod method,
            String[] segments,
            MultiValueMap<String, String> query,
            @Nullable Object body) {

        static Call get(String... segments) {
            return new Call(HttpMethod.GET, segments, new LinkedMultiValueMap<>(), null);
        }

        static Call post(Object body, String... segments) {
            return new Call(HttpMethod.POST, segments, new LinkedMultiValueMap<>(), body);
        }

        static Call delete(String... segments) {
            return new Call(HttpMethod.DELETE, segments, new LinkedMultiValueMap<>(), null);
        }

        /** Adds a query parameter when it has a value. */
        Call param(String name, @Nullable Object value) {
            if (value != null && !value.toString().isEmpty()) {
                query.add(name, value.toString());
            }
            return this;
        }

        boolean idempotent() {
            return method == HttpMethod.GET || method == HttpMethod.DELETE;
        }

        String path() {
            var path = new StringBuilder();
            for (String segment : segments) {
                path.append('/').append(UriUtils.encodePathSegment(segment, UTF_8));
            }
            return path.toString();
        }
    }

    /**
     * Reads a successful answer's body as it arrives, given its {@code Content-Length} (-1 when it has none); an
     * error's body is always read as a tree.
     */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body, long length) throws IOException;
    }

    /** The JSON answer of a successful call (a missing node for 204); {@code bearer} null sends none (sign-in). */
    JsonNode send(@Nullable String bearer, Call call) {
        return send(bearer, call, tree());
    }

    /** Reads an answer as a tree, as {@link #send(String, Call)} does. */
    BodyReader<JsonNode> tree() {
        return (body, length) -> parse(body);
    }

    /** A successful call's answer as {@code success} reads it; a failure is an {@link ActivepiecesFailure}. */
    <T> T send(@Nullable String bearer, Call call, BodyReader<T> success) {
        String base = settings.apiBase();
        CircuitBreaker circuit = circuits.computeIfAbsent(
                base, b -> new CircuitBreaker(settings.circuitFailureThreshold(), settings.circuitOpenFor(), clock));
        URI uri = uri(base, call);
        for (int attempt = 1; ; attempt++) {
            var wait = circuit.refusal();
            if (wait.isPresent()) {
                throw ActivepiecesFailure.circuitOpen(settings.baseUrl(), wait.get());
            }
            boolean mayRetry = attempt < settings.maxAttempts();
            Answer<T> answer;
            try {
                answer = exchange(call, uri, bearer, success);
            } catch (ResourceAccessException e) {
                circuit.failure();
                // A connect or read timeout (SocketTimeoutException, ConnectTimeoutException).
                boolean timeout = causedBy(e, InterruptedIOException.class);
                log.warn(
                        "Activepieces {} {} failed: {}",
                        call.method(),
                        call.path(),
                        timeout ? "timeout" : "unreachable");
                if (call.idempotent() && mayRetry) {
                    backoff(attempt);
                    continue;
                }
                throw timeout
                        ? ActivepiecesFailure.timedOut(settings.baseUrl(), settings.readTimeout())
                        : ActivepiecesFailure.unreachable(settings.baseUrl());
            }
            if (answer.status() == 429 || answer.status() >= 500) {
                // A failing Activepieces stays visible where the access log is set to WARN.
                calls.warn("Activepieces {} {} {}", call.method(), call.path(), answer.status());
            } else {
                calls.info("Activepieces {} {} {}", call.method(), call.path(), answer.status());
            }
            if (answer.status() == 429) {
                Duration retryAfter = retryAfter(answer.retryAfter());
                if (mayRetry && retryAfter.compareTo(settings.maxRetryAfter()) <= 0) {
                    sleep(retryAfter);
                    continue;
                }
                throw ActivepiecesFailure.rateLimited(retryAfter);
            }
            if (answer.status() >= 500) {
                circuit.failure();
                boolean transientFailure = answer.status() == 502 || answer.status() == 503 || answer.status() == 504;
                if (transientFailure && call.idempotent() && mayRetry) {
                    backoff(attempt);
                    continue;
                }
            } else {
                circuit.success();
            }
            if (answer.value() != null) {
                return answer.value();
            }
            throw ActivepiecesFailure.answered(
                    answer.status(), code(answer.problem()), message(answer.problem()), said(answer.problem()));
        }
    }

    /** A 2xx answer's {@code value}, or another's status and {@code problem}, the body that says what went wrong. */
    private record Answer<T>(
            int status,
            @Nullable T value,
            JsonNode problem,
            @Nullable String retryAfter) {}

    private <T> Answer<T> exchange(Call call, URI uri, @Nullable String bearer, BodyReader<T> success) {
        var request = rest.method(call.method()).uri(uri).accept(MediaType.APPLICATION_JSON);
        if (bearer != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
        }
        if (call.body() != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(call.body()));
        }
        return request.exchange((req, res) -> {
            int status = res.getStatusCode().value();
            String retryAfter = res.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
            return status / 100 == 2
                    ? new Answer<>(
                            status,
                            Objects.requireNonNull(
                                    success.read(res.getBody(), res.getHeaders().getContentLength())),
                            json.missingNode(),
                            retryAfter)
                    : new Answer<T>(status, null, parse(res.getBody()), retryAfter);
        });
    }

    /**
     * The answer's JSON, read as it arrives (not gathered into an array first: on a connections page that array
     * was a third of what a call allocated); an empty or non-JSON body is a missing node. A connection that
     * breaks mid-body is a failure, as it was, not an answer without a body.
     */
    private JsonNode parse(InputStream body) throws IOException {
        try {
            return json.readTree(body);
        } catch (JacksonIOException broken) {
            throw broken.getCause();
        } catch (JacksonException notJson) {
            return json.missingNode();
        }
    }

    /** What Activepieces said: a domain error's code and message, or Fastify's message. */
    static String said(JsonNode body) {
        String code = code(body);
        JsonNode params = body.path("params");
        String message = message(body);
        if (message == null && params.has("entityType")) {
            message = "no " + params.path("entityType").asString() + " "
                    + params.path("entityId").asString("");
        }
        if (message == null) {
            message = body.path("message").asString(null);
        }
        if (code != null && message != null) {
            return code + ": " + message;
        }
        return code != null ? code : message != null ? message : "no details";
    }

    static @Nullable String code(JsonNode body) {
        return body.path("code").asString(null);
    }

    /** A domain error's own message ({@code params.message}). */
    private static @Nullable String message(JsonNode body) {
        return body.path("params").path("message").asString(null);
    }

    private static URI uri(String base, Call call) {
        var uri = new StringBuilder(base).append(call.path());
        char separator = '?';
        for (var entry : call.query().entrySet()) {
            for (String value : entry.getValue()) {
                uri.append(separator)
                        .append(UriUtils.encodeQueryParam(entry.getKey(), UTF_8))
                        .append('=')
                        .append(UriUtils.encodeQueryParam(value, UTF_8));
                separator = '&';
            }
        }
        return URI.create(uri.toString());
    }

    private Duration retryAfter(@Nullable String header) {
        try {
            return header == null
                    ? Duration.ofSeconds(1)
                    : Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException httpDate) {
            return Duration.ofSeconds(1);
        }
    }

    private void backoff(int attempt) {
        long base = settings.retryBackoff().toMillis() << (attempt - 1);
        sleep(Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1)));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry Activepieces", e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
