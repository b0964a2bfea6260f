package org.gauzy.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OAuth2 code exchange and refresh against a small local token endpoint (standing in for
 * Gauzy), and the piece's calls through the resulting connection.
 */
class OAuth2Tests {

    /** A token endpoint and an API that records what it receives and answers what the test says. */
    static final class FakeGauzy {
        final HttpServer server;
        final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
        final List<Map<String, String>> apiRequests = new CopyOnWriteArrayList<>();
        volatile int tokenStatus = 200;
        volatile String tokenBody;

        FakeGauzy() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/integration/ever-gauzy/oauth/token", this::token);
            server.createContext("/api/user/me", this::me);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void token(HttpExchange exchange) throws IOException {
            var form = new HashMap<String, String>();
            for (String pair :
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            form.put("header:content-type", exchange.getRequestHeaders().getFirst("Content-Type"));
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                form.put("header:authorization", auth);
            }
            tokenRequests.add(form);
            answer(exchange, tokenStatus, tokenBody);
        }

        private void me(HttpExchange exchange) throws IOException {
            apiRequests.add(Map.of(
                    "authorization",
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    "tenant",
                    String.valueOf(exchange.getRequestHeaders().getFirst("Tenant-Id")),
                    "organization",
                    String.valueOf(exchange.getRequestHeaders().getFirst("Organization-Id"))));
            answer(exchange, 200, "{\"id\":\"user-1\"}");
        }

        private static void answer(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    ActivepiecesSandbox ap;
    Client client;
    FakeGauzy gauzy;

    @BeforeEach
    void start() throws IOException {
        ap = ActivepiecesSandbox.builder().start();
        client = new Client(ap.baseUrl());
        gauzy = new FakeGauzy();
    }

    @AfterEach
    void stop() {
        ap.close();
        gauzy.server.stop(0);
    }

    static String jwt(String payload) {
        var enc = Base64.getUrlEncoder().withoutPadding();
        return enc.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + enc.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    Map<String, Object> oauth2Upsert(String authorizationMethod, String verifier) {
        var value = new HashMap<String, Object>(Map.of(
                "type",
                "OAUTH2",
                "client_id",
                "gauzy_client",
                "client_secret",
                "client-secret-123",
                "code",
                "the-code",
                "redirect_url",
                "https://cloud.activepieces.com/redirect",
                "scope",
                "gauzy:all",
                "props",
                Map.of("environment", gauzy.url())));
        if (authorizationMethod != null) {
            value.put("authorization_method", authorizationMethod);
        }
        if (verifier != null) {
            value.put("code_challenge", verifier);
        }
        return Map.of(
                "externalId",
                "gauzy-oauth",
                "displayName",
                "Ever Gauzy",
                "pieceName",
                ActivepiecesSandbox.EVER_GAUZY_PIECE,
                "projectId",
                ap.seed().projectId(),
                "type",
                "OAUTH2",
                "value",
                value);
    }

    @Test
    void upsertExchangesTheCodeWithCredentialsInTheForm() {
        String access = jwt("{\"tenantId\":\"tenant-9\",\"organizationId\":\"org-7\"}");
        gauzy.tokenBody = "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"refresh_token\":\"rt-1\",\"scope\":\"gauzy:all\",\"id_token\":\"extra\"}";
        var created = client.post("/api/v1/app-connections", ap.seed().apiKey(), oauth2Upsert(null, "verifier-43"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.raw().body()).doesNotContain("rt-1").doesNotContain(access);

        var form = gauzy.tokenRequests.get(0);
        assertThat(form)
                .containsEntry("grant_type", "authorization_code")
                .containsEntry("code", "the-code")
                .containsEntry("redirect_uri", "https://cloud.activepieces.com/redirect")
                .containsEntry("code_verifier", "verifier-43")
                .containsEntry("client_id", "gauzy_client")
                .containsEntry("client_secret", "client-secret-123")
                .containsEntry("header:content-type", "application/x-www-form-urlencoded");
        assertThat(form).doesNotContainKey("header:authorization");

        JsonNode value = client.json.readTree(
                ap.connectionValue(created.body().path("id").asString()).orElseThrow());
        assertThat(value.path("access_token").asString()).isEqualTo(access);
        assertThat(value.path("refresh_token").asString()).isEqualTo("rt-1");
        assertThat(value.path("data").path("id_token").asString()).isEqualTo("extra");
        assertThat(value.path("data").has("access_token")).isFalse();
        assertThat(value.path("token_url").asString())
                .isEqualTo(gauzy.url() + "/api/integration/ever-gauzy/oauth/token");
        assertThat(value.path("claimed_at").asLong()).isPositive();

        var call = client.post(
                "/sandbox/connections/" + created.body().path("id").asString() + "/call",
                null,
                Map.of("method", "GET", "path", "/api/user/me"));
        assertThat(call.body().path("status").asInt()).isEqualTo(200);
        assertThat(gauzy.apiRequests.get(0))
                .containsEntry("authorization", "Bearer " + access)
                .containsEntry("tenant", "tenant-9")
                .containsEntry("organization", "org-7");
        assertThat(gauzy.tokenRequests).as("not due: no refresh").hasSize(1);
    }

    @Test
    void headerAuthorizationMethodSendsBasicCredentials() {
        gauzy.tokenBody = "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
        assertThat(client.post("/api/v1/app-connections", ap.seed().apiKey(), oauth2Upsert("HEADER", null))
                        .status())
                .isEqualTo(201);
        var form = gauzy.tokenRequests.get(0);
        assertThat(form.get("header:authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder()
                                .encodeToString("gauzy_client:client-secret-123".getBytes(StandardCharsets.UTF_8)));
        assertThat(form).doesNotContainKey("client_secret").doesNotContainKey("code_verifier");
    }

    @Test
    void aRefusedExchangeIsInvalidClaimWithTheProvidersDescription() {
        gauzy.tokenStatus = 400;
        gauzy.tokenBody = "{\"error\":\"invalid_grant\",\"error_description\":\"The code was already used\"}";
        var refused = client.post("/api/v1/app-connections", ap.seed().apiKey(), oauth2Upsert(null, null));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("code").asString()).isEqualTo("INVALID_CLAIM");
        assertThat(refused.body().path("params").path("message").asString()).isEqualTo("The code was already used");
        assertThat(refused.body().path("params").path("clientId").asString()).isEqualTo("gauzy_client");
        assertThat(client.get(
                                "/api/v1/app-connections?projectId=" + ap.seed().projectId(),
                                ap.seed().apiKey())
                        .body()
                        .path("data"))
                .isEmpty();
    }

    @Test
    void anExchangeThatSaysNoDescriptionOrNeverReachesTheEndpointIsInvalidClaimWithoutAMessage() {
        gauzy.tokenStatus = 400;
        gauzy.tokenBody = "{\"error\":\"invalid_grant\"}";
        var undescribed = client.post("/api/v1/app-connections", ap.seed().apiKey(), oauth2Upsert(null, null));
        assertThat(undescribed.status()).isEqualTo(400);
        assertThat(undescribed.body().path("code").asString()).isEqualTo("INVALID_CLAIM");
        assertThat(undescribed.body().path("params").has("message"))
                .as("Activepieces passes on error_description only")
                .isFalse();

        String tokenUrl = gauzy.url() + "/api/integration/ever-gauzy/oauth/token";
        var upsert = oauth2Upsert(null, null);
        gauzy.server.stop(0);
        var unreached = client.post("/api/v1/app-connections", ap.seed().apiKey(), upsert);
        assertThat(unreached.status()).isEqualTo(400);
        assertThat(unreached.body().path("code").asString()).isEqualTo("INVALID_CLAIM");
        assertThat(unreached.body().path("params").path("tokenUrl").asString()).isEqualTo(tokenUrl);
        assertThat(unreached.body().path("params").has("message")).isFalse();
    }

    @Test
    void aDueTokenIsRefreshedBeforeTheCallAndKeepsItsRefreshTokenWhenOmitted() {
        gauzy.tokenBody = "{\"access_token\":\"" + jwt("{}") + "\",\"expires_in\":3600,\"refresh_token\":\"rt-1\"}";
        String id = client.post("/api/v1/app-connections", ap.seed().apiKey(), oauth2Upsert(null, null))
                .body()
                .path("id")
                .asString();
        String fresh = jwt("{\"tenantId\":\"t-2\"}");
        gauzy.tokenBody = "{\"access_token\":\"" + fresh + "\",\"expires_in\":3600,\"refresh_token\":null}";

        ap.clock().advance(Duration.ofMinutes(44));
        client.post("/sandbox/connections/" + id + "/call", null, Map.of("path", "/api/user/me"));
        assertThat(gauzy.tokenRequests).as("45 min before expiry: not yet due").hasSize(1);

        ap.clock().advance(Duration.ofMinutes(2));
        client.post("/sandbox/connections/" + id + "/call", null, Map.of("path", "/api/user/me"));
        assertThat(gauzy.tokenRequests).hasSize(2);
        assertThat(gauzy.tokenRequests.get(1))
                .containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", "rt-1")
                .containsEntry("client_secret", "client-secret-123");
        assertThat(gauzy.apiRequests.get(1).get("authorization")).isEqualTo("Bearer " + fresh);
        JsonNode value = client.json.readTree(ap.connectionValue(id).orElseThrow());
        assertThat(value.path("refresh_token").asString()).isEqualTo("rt-1");
    }

    @Test
    void invalidGrantOnRefreshSetsTheConnectionToError() {
        gauzy.tokenBody = "{\"access_token\":\"a\",\"expires_in\":60,\"refresh_token\":\"rt-1\"}";
        String id = client.post("/api/v1/app-connections", ap.seed().apiKey(), oauth2Upsert(null, null))
                .body()
                .path("id")
                .asString();
        gauzy.tokenStatus = 400;
        gauzy.tokenBody = "{\"error\":\"invalid_grant\"}";
        client.post("/sandbox/connections/" + id + "/call", null, Map.of("path", "/api/user/me"));
        var listed = client.get(
                "/api/v1/app-connections?projectId=" + ap.seed().projectId(),
                ap.seed().apiKey());
        assertThat(listed.body().path("data").get(0).path("status").asString()).isEqualTo("ERROR");
    }

    @Test
    void withoutARefreshTokenItIsNeverRefreshed() {
        gauzy.tokenBody = "{\"access_token\":\"a\",\"expires_in\":60}";
        String id = client.post("/api/v1/app-connections", ap.seed().apiKey(), oauth2Upsert(null, null))
                .body()
                .path("id")
                .asString();
        ap.clock().advance(Duration.ofDays(2));
        client.post("/sandbox/connections/" + id + "/call", null, Map.of("path", "/api/user/me"));
        assertThat(gauzy.tokenRequests).hasSize(1);
    }
}
