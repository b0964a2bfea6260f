package org.gauzy.bridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One request as a target sees it, over kept-alive connections, within the timeouts and address rules. */
class WebhookSenderTests {

    private static final String SECRET =
            "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

    private HttpServer target;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final CountDownLatch released = new CountDownLatch(1);
    private WebhookSender sender;

    @BeforeEach
    void startTarget() throws IOException {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        target.createContext("/ok", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            byte[] answer = (id + " " + signature).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        target.createContext("/long", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Retry-After", "7");
            byte[] answer = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        target.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                released.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        target.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        target.start();
    }

    @AfterEach
    void stop() throws IOException {
        released.countDown();
        target.stop(0);
        if (sender != null) {
            sender.destroy();
        }
    }

    private WebhookSender sender(boolean allowPrivate, Duration requestTimeout) {
        var settings = new WebhookSettings(
                allowPrivate,
                Duration.ofSeconds(1),
                requestTimeout,
                List.of(Duration.ofSeconds(10)),
                Duration.ofDays(3),
                Duration.ofSeconds(1),
                Duration.ofMillis(20),
                4,
                100,
                Duration.ofMinutes(2),
                Duration.ofDays(7));
        sender = new WebhookSender(settings, new TargetGuard(settings));
        return sender;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + target.getAddress().getPort() + path;
    }

    @Test
    void aSignedDeliveryIsAcceptedAndItsConnectionKept() {
        var sender = sender(true, Duration.ofSeconds(5));
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        var first = sender.send(url("/ok"), SECRET, id, "{\"a\":1}", now);
        assertThat(first.delivered()).isTrue();
        assertThat(first.excerpt())
                .isEqualTo(
                        id + " " + WebhookSender.signature(SECRET, id.toString(), now.getEpochSecond(), "{\"a\":1}"));
        for (int i = 0; i < 5; i++) {
            assertThat(sender.send(url("/ok"), SECRET, UUID.randomUUID(), "{}", now)
                            .delivered())
                    .isTrue();
        }
        assertThat(clientPorts)
                .as("one kept-alive connection for six sequential deliveries")
                .hasSize(1);
    }

    @Test
    void aLongAnswerIsCutToItsFirstKilobyteAndRetryAfterIsRead() {
        var sender = sender(true, Duration.ofSeconds(5));
        var answer = sender.send(url("/long"), SECRET, UUID.randomUUID(), "{}", Instant.now());
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(answer.excerpt()).hasSize(WebhookSender.EXCERPT_CHARS);
        assertThat(sender.send(url("/ok"), SECRET, UUID.randomUUID(), "{}", Instant.now())
                        .delivered())
                .isTrue();
    }

    @Test
    void aTargetThatDoesNotAnswerIsCutOffAtTheRequestTimeout() {
        var sender = sender(true, Duration.ofMillis(400));
        var answer = sender.send(url("/slow"), SECRET, UUID.randomUUID(), "{}", Instant.now());
        assertThat(answer.delivered()).isFalse();
        assertThat(answer.error()).startsWith("timed out");
        assertThat(answer.latencyMs()).isBetween(300, 3000);
    }

    @Test
    void anAddressOffLimitsIsRefusedWhenConnectingNotOnlyWhenSubscribing() {
        var sender = sender(false, Duration.ofSeconds(5));
        for (String host : List.of("127.0.0.1", "localhost")) {
            var answer = sender.send(
                    "http://" + host + ":" + target.getAddress().getPort() + "/ok",
                    SECRET,
                    UUID.randomUUID(),
                    "{}",
                    Instant.now());
            assertThat(answer.delivered()).as(host).isFalse();
            assertThat(answer.error())
                    .as(host)
                    .startsWith("target refused: targetUrl resolves to")
                    .contains("WEBHOOKS_ALLOW_PRIVATE_TARGETS");
        }
        assertThat(clientPorts).as("nothing reached the target").isEmpty();
    }
}
