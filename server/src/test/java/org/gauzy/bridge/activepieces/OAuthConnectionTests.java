package org.gauzy.bridge.activepieces;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * "Create connection" makes the connection the ever-gauzy piece can use: an OAUTH2 connection that
 * Activepieces claims at our token endpoint with a code issued for the admin, calls the API with like the
 * piece (access token, its tenant and organization as headers), refreshes when the token is due, and
 * that stops working the moment the grant is revoked in Gauzy or the connection is deleted.
 */
abstract class OAuthConnectionTests extends ApiTest {

    /** A private sandbox: these tests move its clock. */
    static final String SANDBOX = "oauth-connection";

    ActivepiecesSandbox ap;
    Api activepieces;
    Account admin;
    UUID installation;

    @BeforeEach
    void integrated() {
        ap = TestSandbox.named(SANDBOX);
        activepieces = new Api(ap.baseUrl());
        admin = accounts.onboard("ap-oauth");
        var setup = api.post("/api/integration/activepieces/setup")
                .token(admin.token())
                .json(Map.of(
                        "apiKey",
                        ap.seed().apiKey(),
                        "organizationId",
                        admin.organizationId().toString()))
                .send();
        assertThat(setup.status()).as(setup.text()).isEqualTo(201);
        installation = UUID.fromString(setup.body().path("integrationTenantId").asString());
    }

    Api.Response create(Map<String, Object> extra) {
        var body = new java.util.HashMap<String, Object>(Map.of(
                "projectId",
                ap.seed().projectId(),
                "organizationId",
                admin.organizationId().toString(),
                "gauzyUrl",
                "http://localhost:" + port));
        body.putAll(extra);
        return api.post("/api/integration/activepieces/connection")
                .token(admin.token())
                .json(body)
                .send();
    }

    /** A call through the connection, as the piece makes it. */
    JsonNode call(String connection, String path) {
        var answer = activepieces
                .post("/sandbox/connections/" + connection + "/call")
                .json(Map.of("method", "GET", "path", path))
                .send();
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.body();
    }

    JsonNode stored(String connection) {
        return api.json().readTree(ap.connectionValue(connection).orElseThrow());
    }

    JsonNode consents() {
        return api.get("/api/oauth/consents").token(admin.token()).send().body().path("items");
    }

    @Test
    void thePieceCallsGauzyThroughItRefreshesItAndRevokingTheGrantStopsIt() {
        var created = create(Map.of());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().path("type").asString()).isEqualTo("OAUTH2");
        assertThat(created.body().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(created.text()).doesNotContain("client_secret").doesNotContain("gzcs_");
        String connection = created.body().path("id").asString();

        JsonNode value = stored(connection);
        assertThat(value.path("props").path("environment").asString()).isEqualTo("http://localhost:" + port);
        assertThat(value.path("refresh_token").asString()).startsWith("gzrt_");
        JsonNode tasks = call(connection, "/api/tasks?organizationId=" + admin.organizationId());
        assertThat(tasks.path("status").asInt()).as(tasks.toString()).isEqualTo(200);
        JsonNode me = call(connection, "/api/user/me");
        assertThat(me.path("body").path("user").path("email").asString()).isEqualTo(admin.email());
        assertThat(consents()).hasSize(1);
        assertThat(consents().get(0).path("clientName").asString()).startsWith("Activepieces connection");

        String first = value.path("access_token").asString();
        ap.clock().advance(Duration.ofMinutes(70));
        assertThat(call(connection, "/api/user/me").path("status").asInt()).isEqualTo(200);
        assertThat(stored(connection).path("access_token").asString())
                .as("refreshed by Activepieces")
                .isNotEqualTo(first);

        String consent = consents().get(0).path("id").asString();
        assertThat(api.delete("/api/oauth/consents/" + consent)
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(call(connection, "/api/user/me").path("status").asInt())
                .as("revoked in Gauzy: at once")
                .isEqualTo(401);
    }

    @Test
    void replacingOrDeletingTheConnectionEndsTheGrantItHad() {
        String first = create(Map.of()).body().path("id").asString();
        String second =
                create(Map.of("connectionName", "Renamed")).body().path("id").asString();
        assertThat(second).as("the organization's one connection, upserted").isEqualTo(first);
        assertThat(consents()).as("the first grant ended with its client").hasSize(1);
        assertThat(call(second, "/api/user/me").path("status").asInt()).isEqualTo(200);
        assertThat(api.get("/api/oauth/clients")
                        .token(admin.token())
                        .send()
                        .body()
                        .path("items")
                        .findValuesAsString("name"))
                .filteredOn(n -> n.startsWith("Activepieces connection"))
                .hasSize(1);

        var deleted = api.delete("/api/integration/activepieces/connection/" + installation)
                .token(admin.token())
                .send();
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
        assertThat(consents()).isEmpty();
        assertThat(api.get("/api/oauth/clients").token(admin.token()).send().text())
                .doesNotContain("Activepieces connection");
    }

    @Test
    void whatActivepiecesRefusesLeavesNoClientBehindAndBadInputIsNamed() throws IOException {
        var unreachable = create(Map.of("gauzyUrl", "http://127.0.0.1:9"));
        assertThat(unreachable.status()).as(unreachable.text()).isEqualTo(400);
        assertThat(unreachable.message())
                .as("what Activepieces said, where it had to reach Gauzy, and what lets it")
                .contains("INVALID_CLAIM")
                .contains("did not reach Gauzy at http://127.0.0.1:9 ")
                .contains("gauzyUrl")
                .contains("AP_SSRF_ALLOW_LIST");
        assertThat(consents()).isEmpty();
        assertThat(api.get("/api/oauth/clients").token(admin.token()).send().text())
                .as("the client made for the refused connection is gone")
                .doesNotContain("Activepieces connection");

        var otherGauzy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        otherGauzy.createContext("/api/integration/ever-gauzy/oauth/token", exchange -> {
            byte[] refusal = "{\"error\":\"invalid_client\",\"error_description\":\"unknown client\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, refusal.length);
            try (var out = exchange.getResponseBody()) {
                out.write(refusal);
            }
        });
        otherGauzy.start();
        try {
            String other = "http://127.0.0.1:" + otherGauzy.getAddress().getPort();
            assertThat(create(Map.of("gauzyUrl", other)).message())
                    .as("a token endpoint that answered: its words, and that it is not this Gauzy's")
                    .contains("INVALID_CLAIM: unknown client")
                    .contains("The token endpoint Activepieces reached at " + other + " refused")
                    .doesNotContain("AP_SSRF_ALLOW_LIST");
        } finally {
            otherGauzy.stop(0);
        }
        assertThat(consents()).isEmpty();

        assertThat(create(Map.of("gauzyUrl", "ftp://example.com")).message()).contains("gauzyUrl");
        assertThat(create(Map.of("type", "OAUTH2", "accessToken", "x")).message())
                .contains("takes no accessToken");
        assertThat(create(Map.of("type", "SECRET_TEXT")).message()).contains("accessToken is required");
        assertThat(create(Map.of("type", "BASIC")).status()).isEqualTo(400);
    }
}
