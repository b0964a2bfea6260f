package org.gauzy.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook receiver, recorded requests, and each kind of injected fault. */
class WebhookAndFaultTests {

    static ActivepiecesSandbox ap;
    static Client client;

    @BeforeAll
    static void start() {
        ap = ActivepiecesSandbox.builder().start();
        client = new Client(ap.baseUrl());
    }

    @AfterAll
    static void stop() {
        ap.close();
    }

    @BeforeEach
    void reset() {
        ap.reset();
    }

    String list() {
        return "/api/v1/app-connections?projectId=" + ap.seed().projectId();
    }

    @Test
    void webhookUrlsRecordBodyAndHeaders() throws Exception {
        String flow = ap.addFlow(true);
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var response = http.send(
                HttpRequest.newBuilder(URI.create(ap.baseUrl() + "/api/v1/webhooks/" + flow))
                        .header("webhook-id", "msg_1")
                        .header("webhook-signature", "v1,abc")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"task.created\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
        assertThat(response.headers().firstValue("x-webhook-id").orElseThrow()).matches("[0-9A-Za-z]{21}");
        client.post("/api/v1/webhooks/" + flow + "/sync", null, Map.of("event", "employee.created"));
        String other = ap.addFlow(true);
        client.post("/api/v1/webhooks/" + other, null, Map.of("event", "other"));

        var deliveries = ap.webhookDeliveries(flow);
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(0).body()).isEqualTo("{\"event\":\"task.created\"}");
        assertThat(deliveries.get(0).header("webhook-signature")).isEqualTo("v1,abc");
        assertThat(deliveries.get(0).sync()).isFalse();
        assertThat(deliveries.get(1).sync()).isTrue();
        assertThat(client.get("/sandbox/webhooks/" + flow, null).body()).hasSize(2);
    }

    /** As webhook.service.ts answers: unknown 410, disabled 404, malformed id 400, any method. */
    @Test
    void webhookUrlsAnswerAsActivepiecesForEachStateOfTheFlow() {
        String flow = client.post("/sandbox/flows", null, Map.of("enabled", true))
                .body()
                .path("id")
                .asString();
        assertThat(flow).matches("[0-9A-Za-z]{21}");
        for (String method : java.util.List.of("GET", "PUT", "PATCH", "DELETE")) {
            var answered = client.send(
                    method,
                    "/api/v1/webhooks/" + flow,
                    null,
                    method.equals("GET") || method.equals("DELETE") ? null : Map.of("n", 1));
            assertThat(answered.status()).as(method).isEqualTo(200);
        }
        assertThat(ap.webhookDeliveries(flow)).hasSize(4);

        client.post("/sandbox/flows/" + flow, null, Map.of("enabled", false));
        var disabled = client.post("/api/v1/webhooks/" + flow, null, Map.of("n", 2));
        assertThat(disabled.status()).isEqualTo(404);
        assertThat(disabled.raw().body()).isEqualTo("{}");
        assertThat(disabled.header("x-webhook-id")).isNotNull();

        var unknown = client.post("/api/v1/webhooks/" + "Z".repeat(21), null, Map.of("n", 3));
        assertThat(unknown.status()).isEqualTo(410);
        assertThat(unknown.header("x-webhook-id")).isNotNull();
        ap.deleteFlow(flow);
        assertThat(client.post("/api/v1/webhooks/" + flow + "/sync", null, Map.of())
                        .status())
                .isEqualTo(410);

        var malformed = client.post("/api/v1/webhooks/flow-1", null, Map.of());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("message").asString()).startsWith("params/flowId");
        assertThat(ap.webhookDeliveries(flow))
                .as("nothing recorded for a flow that is off or gone")
                .hasSize(4);
    }

    /** Java's default client offers {@code Upgrade: h2c} on http://; Activepieces closes such a request unanswered. */
    @Test
    void anUpgradeOfferIsAnsweredByClosingTheConnection() throws Exception {
        var offering =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        var request = HttpRequest.newBuilder(URI.create(ap.baseUrl() + list()))
                .header("Authorization", "Bearer " + ap.seed().apiKey())
                .GET()
                .build();
        assertThatThrownBy(() -> offering.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
        assertThat(ap.requests())
                .last()
                .satisfies(r -> assertThat(r.header("upgrade")).isEqualTo("h2c"));

        var plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(plain.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void requestsAreRecordedWithCredentialsMasked() {
        client.get(list() + "&pieceName=x", ap.seed().apiKey());
        var recorded = ap.requests().get(ap.requests().size() - 1);
        assertThat(recorded.method()).isEqualTo("GET");
        assertThat(recorded.path()).isEqualTo("/api/v1/app-connections");
        assertThat(recorded.query()).containsEntry("pieceName", java.util.List.of("x"));
        String key = ap.seed().apiKey();
        assertThat(recorded.header("authorization")).isEqualTo("Bearer ****" + key.substring(key.length() - 4));
        assertThat(client.get("/sandbox/requests", null).raw().body()).doesNotContain(key);
    }

    @Test
    void statusFaultAppliesToTheNextCallsOnly() {
        ap.injectFault(Fault.status("/api/v1/app-connections", 503, 2));
        var first = client.get(list(), ap.seed().apiKey());
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.body().path("error").asString()).isEqualTo("Service Unavailable");
        assertThat(client.get(list(), ap.seed().apiKey()).status()).isEqualTo(503);
        assertThat(client.get(list(), ap.seed().apiKey()).status()).isEqualTo(200);
    }

    @Test
    void rateLimitFaultAnswers429WithRetryAfter() {
        ap.injectFault(Fault.rateLimit("/api/v1/**", Duration.ofSeconds(7), 1));
        var limited = client.get(list(), ap.seed().apiKey());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("7");
        assertThat(client.get(list(), ap.seed().apiKey()).status()).isEqualTo(200);
    }

    @Test
    void resetFaultDropsTheConnection() {
        // The JDK client retries an idempotent request once on a dropped connection: two resets beat it.
        ap.injectFault(Fault.reset("/api/v1/app-connections", 2).onMethod("GET"));
        assertThatThrownBy(() -> client.get(list(), ap.seed().apiKey())).isInstanceOf(UncheckedIOException.class);
        assertThat(client.get(list(), ap.seed().apiKey()).status()).isEqualTo(200);
        long attempts = ap.requests().stream()
                .filter(r -> r.path().equals("/api/v1/app-connections"))
                .count();
        assertThat(attempts).isEqualTo(3);
    }

    @Test
    void latencyFaultDelaysEveryMatchingCallUntilCleared() {
        ap.injectFault(Fault.latency("/api/v1/app-connections", Duration.ofMillis(300)));
        long started = System.nanoTime();
        assertThat(client.get(list(), ap.seed().apiKey()).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        ap.clearFaults();
        assertThat(client.get(list(), ap.seed().apiKey()).status()).isEqualTo(200);
    }

    @Test
    void faultsCanBeInjectedThroughTheControlApi() {
        var added = client.post(
                "/sandbox/faults",
                null,
                Map.of("path", "/api/v1/projects", "kind", "STATUS", "status", 502, "times", 1));
        assertThat(added.status()).isEqualTo(201);
        assertThat(client.get("/api/v1/projects", ap.seed().apiKey()).status()).isEqualTo(502);
        assertThat(client.get("/api/v1/projects", ap.seed().apiKey()).status()).isEqualTo(200);
        assertThat(client.get("/sandbox/seed", null).body().path("apiKey").asString())
                .isEqualTo(ap.seed().apiKey());
    }
}
