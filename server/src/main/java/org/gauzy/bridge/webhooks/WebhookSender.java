package org.gauzy.bridge.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.gauzy.bridge.platform.FirstUseTls;
import org.gauzy.bridge.platform.JsonTimes;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends one delivery as Standard Webhooks define it: a JSON body, {@code webhook-id} (the delivery,
 * the same on every retry), {@code webhook-timestamp} and {@code webhook-signature}
 * ({@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body} under the subscription's secret).
 * Short timeouts (the whole request is cut off at {@code requestTimeout}, however slowly a target
 * answers), no redirects followed, no automatic retries, and only the first kilobyte of an answer read.
 *
 * <p>The request runs on the calling sender thread, over keep-alive connections pooled per target: a
 * delivery costs no thread hand-offs and, once a target is connected, no new connection. Every
 * connection opened resolves its host through {@link TargetGuard}, so the address connected to is the
 * address checked.
 */
@Component
class WebhookSender implements DisposableBean {

    static final int EXCERPT_CHARS = 1000;

    /** How one request ended. */
    record Result(
            @Nullable Integer status,
            @Nullable Duration retryAfter,
            @Nullable String excerpt,
            @Nullable String error,
            int latencyMs) {

        boolean delivered() {
            return status != null && status / 100 == 2;
        }
    }

    private final CloseableHttpClient http;
    private final ScheduledThreadPoolExecutor deadlines;
    private final WebhookSettings settings;

    WebhookSender(WebhookSettings settings, TargetGuard targets) {
        this.settings = settings;
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(new FirstUseTls())
                .setMaxConnTotal(settings.concurrency())
                .setMaxConnPerRoute(settings.concurrency())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.requestTimeout()))
                        // A target may close an idle keep-alive connection: check one idle this long first.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .setDnsResolver(new SystemDefaultDnsResolver() {
                    @Override
                    public InetAddress[] resolve(String host) throws UnknownHostException {
                        return targets.addresses(host);
                    }
                })
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(settings.requestTimeout()))
                        .setResponseTimeout(Timeout.of(settings.requestTimeout()))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .setUserAgent("Gauzy-Webhooks/1")
                .build();
        var deadlines = new ScheduledThreadPoolExecutor(1, r -> {
            var thread = new Thread(r, "webhook-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // Nearly every deadline is cancelled when its request answers: drop it then, not 10 s later.
        deadlines.setRemoveOnCancelPolicy(true);
        this.deadlines = deadlines;
    }

    /** The body the piece's trigger hands to the flow: the entity is {@code data}, as the API returns it. */
    static String body(UUID deliveryId, DeliveryRepository.Due due) {
        return "{\"id\":\"" + deliveryId + "\",\"event\":\"" + due.event() + "\",\"timestamp\":\""
                + JsonTimes.format(due.occurredAt().toInstant()) + "\",\"tenantId\":\"" + due.tenantId()
                + "\",\"organizationId\":\"" + due.organizationId() + "\",\"data\":" + due.payload() + "}";
    }

    static String signature(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] signed = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    Result send(String targetUrl, String secret, UUID deliveryId, String body, Instant now) {
        long timestamp = now.getEpochSecond();
        var request = new HttpPost(targetUrl);
        request.setHeader("webhook-id", deliveryId.toString());
        request.setHeader("webhook-timestamp", Long.toString(timestamp));
        request.setHeader("webhook-signature", signature(secret, deliveryId.toString(), timestamp, body));
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        var cutOff = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(
                () -> {
                    cutOff.set(true);
                    request.cancel();
                },
                settings.requestTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        ClassicHttpResponse response = null;
        try {
            response = http.executeOpen(null, request, null);
            Header retryAfter = response.getFirstHeader("Retry-After");
            return new Result(
                    response.getCode(),
                    retryAfter(retryAfter == null ? null : retryAfter.getValue(), now),
                    excerpt(response.getEntity(), request),
                    null,
                    millisSince(started));
        } catch (TargetGuard.Refused e) {
            return new Result(null, null, null, "target refused: " + e.getMessage(), millisSince(started));
        } catch (SocketTimeoutException e) {
            return timedOut(started);
        } catch (IOException | RuntimeException e) {
            return cutOff.get()
                    ? timedOut(started)
                    : new Result(
                            null,
                            null,
                            null,
                            "connection failed: " + e.getClass().getSimpleName(),
                            millisSince(started));
        } finally {
            deadline.cancel(false);
            closeQuietly(response);
        }
    }

    /**
     * The first kilobyte of an answer, or what arrived of it. A longer answer is not read to its end to
     * keep the connection: the connection is dropped instead.
     */
    private static @Nullable String excerpt(@Nullable HttpEntity entity, HttpPost request) {
        if (entity == null) {
            return null;
        }
        byte[] head = new byte[0];
        try (InputStream in = entity.getContent()) {
            head = in.readNBytes(EXCERPT_CHARS);
            if (in.read() != -1) {
                request.cancel();
            }
        } catch (IOException cutShort) {
            // keep what arrived
        }
        return head.length == 0 ? null : new String(head, StandardCharsets.UTF_8);
    }

    private static void closeQuietly(@Nullable ClassicHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException alreadyGone) {
                // the connection is discarded either way
            }
        }
    }

    private Result timedOut(long started) {
        return new Result(
                null,
                null,
                null,
                "timed out after " + settings.requestTimeout().toSeconds() + " s",
                millisSince(started));
    }

    /** {@code Retry-After} as seconds or an HTTP date (RFC 9110 §10.2.3). */
    static @Nullable Duration retryAfter(@Nullable String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(
                        now,
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }

    private static int millisSince(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }
}
