package org.gauzy.bridge.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.OAuthGrants.Client;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole loop with an Activepieces-style client: the sandbox claims the code through its OAuth2
 * connection upsert (form-encoded, secret in the body, as Activepieces 0.85 does), the piece calls the
 * API with the JWT's tenant and organization as headers, Activepieces refreshes whenever the token is
 * due, and access ends the moment the user revokes it.
 */
abstract class PieceConnectionTests extends OAuthTest {

    /** A private sandbox: these tests move its clock. */
    static final String SANDBOX = "oauth-piece";

    ActivepiecesSandbox activepieces;
    Api ap;
    Account user;
    Client client;

    @BeforeEach
    void connect() {
        activepieces = TestSandbox.named(SANDBOX);
        ap = new Api(activepieces.baseUrl());
        user = accounts.onboard("piece");
        client = register(user);
    }

    String upsert(String code) {
        var created = upsert(code, "gauzy-" + code.substring(0, 8));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().path("id").asString();
    }

    /** The OAuth2 connection upsert the Activepieces UI sends once the popup returned the code. */
    Api.Response upsert(String code, String externalId) {
        return ap.post("/api/v1/app-connections")
                .token(activepieces.seed().apiKey())
                .json(Map.of(
                        "externalId",
                        externalId,
                        "displayName",
                        "Ever Gauzy",
                        "pieceName",
                        ActivepiecesSandbox.EVER_GAUZY_PIECE,
                        "projectId",
                        activepieces.seed().projectId(),
                        "type",
                        "OAUTH2",
                        "value",
                        Map.of(
                                "type",
                                "OAUTH2",
                                "client_id",
                                client.clientId(),
                                "client_secret",
                                client.secret(),
                                "code",
                                code,
                                "redirect_url",
                                REDIRECT,
                                "scope",
                                "gauzy:all",
                                "props",
                                Map.of("environment", "http://localhost:" + port))))
                .send();
    }

    JsonNode call(String connection, String path) {
        var answer = ap.post("/sandbox/connections/" + connection + "/call")
                .json(Map.of("method", "GET", "path", path))
                .send();
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.body();
    }

    String status(String connection) {
        var listed = ap.get("/api/v1/app-connections?projectId="
                        + activepieces.seed().projectId())
                .token(activepieces.seed().apiKey())
                .send()
                .body()
                .path("data");
        for (JsonNode c : listed) {
            if (c.path("id").asString().equals(connection)) {
                return c.path("status").asString();
            }
        }
        throw new AssertionError("no connection " + connection);
    }

    @Test
    void activepiecesConnectsRefreshesForAsLongAsTheGrantLastsAndStopsWhenRevoked() {
        String connection = upsert(code(user, pieceRequest(client, "ap-state")));
        JsonNode me = call(connection, "/api/user/me");
        assertThat(me.path("status").asInt()).as(me.toString()).isEqualTo(200);
        assertThat(me.path("body").path("user").path("email").asString()).isEqualTo(user.email());
        assertThat(call(connection, "/api/tasks?organizationId=" + user.organizationId())
                        .path("status")
                        .asInt())
                .isEqualTo(200);
        String firstToken = activepiecesValue(connection).path("access_token").asString();

        for (int hour = 1; hour <= 3; hour++) {
            activepieces.clock().advance(Duration.ofMinutes(50));
            assertThat(call(connection, "/api/user/me").path("status").asInt()).isEqualTo(200);
            assertThat(status(connection)).isEqualTo("ACTIVE");
        }
        JsonNode value = activepiecesValue(connection);
        assertThat(value.path("access_token").asString()).as("refreshed").isNotEqualTo(firstToken);
        assertThat(value.path("refresh_token").asString()).startsWith("gzrt_");

        String consent = api.get("/api/oauth/consents")
                .token(user.token())
                .send()
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        assertThat(api.delete("/api/oauth/consents/" + consent)
                        .token(user.token())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(call(connection, "/api/user/me").path("status").asInt())
                .as("at once")
                .isEqualTo(401);
        activepieces.clock().advance(Duration.ofMinutes(50));
        call(connection, "/api/user/me");
        assertThat(status(connection)).as("the refresh gets invalid_grant").isEqualTo("ERROR");
    }

    @Test
    void aReplayedCodeIsRefusedWithTheProvidersDescription() {
        String code = code(user, pieceRequest(client, "ap-state"));
        upsert(code);
        var again = upsert(code, "gauzy-replay");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().path("code").asString()).isEqualTo("INVALID_CLAIM");
        assertThat(again.body().path("params").path("message").asString()).contains("already used");
    }

    private JsonNode activepiecesValue(String connection) {
        return api.json().readTree(activepieces.connectionValue(connection).orElseThrow());
    }
}
