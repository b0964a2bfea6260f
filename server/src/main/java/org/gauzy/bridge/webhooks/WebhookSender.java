package org.gauzy.bridge.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Sends one delivery as Standard Webhooks define it: a JSON body, {@code webhook-id} (the delivery,
 * the same on every retry), {@code webhook-timestamp} and {@code webhook-signature}
 * ({@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body} under the subscription's secret).
 * Short timeouts, no redirects followed, and only the first kilobyte of an answer read.
 */
@Component
class WebhookSender {

    static final int EXCERPT_CHARS = 1000;

    /** How one request ended. */
    record Result(@Nullable Integer status, @Nullable Duration retryAfter, @Nullable String excerpt,
            @Nullable String error, int latencyMs) {

        boolean delivered() {
            return status != null && status / 100 == 2;
        }
    }

    private final HttpClient http;
    private final WebhookSettings settings;

    WebhookSender(WebhookSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The body the piece's trigger hands to the flow: the entity is {@code data}, as the API returns it. */
    static String body(UUID deliveryId, DeliveryRepository.Due due) {
        return "{\"id\":\"" + deliveryId + "\",\"event\":\"" + due.event() + "\",\"timestamp\":\""
                + due.occurredAt().toInstant() + "\",\"tenantId\":\"" + due.tenantId() + "\",\"organizationId\":\""
                + due.organizationId() + "\",\"data\":" + due.payload() + "}";
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
        var request = HttpRequest.newBuilder(URI.create(targetUrl)).timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Gauzy-Webhooks/1")
                .header("webhook-id", deliveryId.toString())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature(secret, deliveryId.toString(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String excerpt;
            try (InputStream in = response.body()) {
                excerpt = new String(in.readNBytes(EXCERPT_CHARS), StandardCharsets.UTF_8);
            }
            return new Result(response.statusCode(), retryAfter(response.headers().firstValue("Retry-After")
                    .orElse(null), now), excerpt.isEmpty() ? null : excerpt, null, millisSince(started));
        } catch (HttpTimeoutException e) {
            return new Result(null, null, null, "timed out after " + settings.requestTimeout().toSeconds() + " s",
                    millisSince(started));
        } catch (IOException e) {
            return new Result(null, null, null, "connection failed: " + e.getClass().getSimpleName(),
                    millisSince(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, null, null, "interrupted while sending", millisSince(started));
        }
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
                Duration wait = Duration.between(now, ZonedDateTime.parse(value.trim(),
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static int millisSince(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }
}
