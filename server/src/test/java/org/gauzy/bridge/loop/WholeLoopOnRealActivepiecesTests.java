package org.gauzy.bridge.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gauzy.bridge.support.Eventually.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.MovableClock;
import org.gauzy.bridge.support.OnH2;
import org.gauzy.bridge.support.RealActivepieces;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole loop on the real Activepieces 0.85.4, with the real ever-gauzy piece built from its public
 * source and installed there (README: testing against the real Activepieces): an admin creates the
 * piece's OAuth2 connection from Gauzy; a flow made through Activepieces' API has the piece's "new task"
 * trigger, its "Get Task" and "Update Task" actions; publishing it makes the piece subscribe to our
 * webhooks with the connection's token; a task created in Gauzy is delivered to the flow, which reads
 * the task back and renames it through our API; a witness flow (Activepieces' own catch-webhook trigger, which keeps the headers)
 * shows that the delivery arrives signed; after the access token expires Activepieces refreshes it; and
 * once the grant is revoked in Gauzy the connection is dead and nothing more runs. The Flows tab shows the
 * flow with its runs while it works, and in alert once the connection is dead. Only in the
 * {@code real-activepieces} profile.
 */
@OnH2
@Import(MovableClock.Config.class)
@TestPropertySource(
        properties = {
            "test.sandbox=" + RealActivepieces.NAME,
            "gauzy.activepieces.piece-name=" + WholeLoopOnRealActivepiecesTests.PIECE,
            "gauzy.activepieces.connection-token-ttl=60s",
            "gauzy.webhooks.allow-private-targets=true"
        })
class WholeLoopOnRealActivepiecesTests extends ApiTest {

    static final String PIECE = "@activepieces/piece-ever-gauzy";
    static final Duration RUN = Duration.ofSeconds(90);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    RealActivepieces.Facts ap = RealActivepieces.facts();
    Api activepieces = new Api(ap.baseUrl());

    JsonNode flowOperation(String flow, String type, Object request) {
        var answer = activepieces
                .post("/api/v1/flows/" + flow)
                .token(ap.apiKey())
                .json(Map.of("type", type, "request", request))
                .send();
        assertThat(answer.status()).as(type + ": " + answer.text()).isEqualTo(200);
        return answer.body();
    }

    List<JsonNode> runs(String flow) {
        var answer = activepieces
                .get("/api/v1/flow-runs?projectId=" + ap.projectId() + "&flowId=" + flow + "&limit=20")
                .token(ap.apiKey())
                .send();
        var out = new java.util.ArrayList<JsonNode>();
        answer.body().path("data").forEach(out::add);
        return out;
    }

    /** The newest run that has ended, once there are {@code count} ended runs. */
    JsonNode endedRun(String flow, int count) {
        return await(
                () -> {
                    List<JsonNode> ended = runs(flow).stream()
                            .filter(r -> !List.of("RUNNING", "QUEUED", "SCHEDULED")
                                    .contains(r.path("status").asString()))
                            .toList();
                    return ended.size() >= count
                            ? activepieces
                                    .get("/api/v1/flow-runs/"
                                            + ended.get(0).path("id").asString())
                                    .token(ap.apiKey())
                                    .send()
                                    .body()
                            : null;
                },
                count + " ended runs of the flow",
                RUN);
    }

    @Test
    void aGauzyTaskRunsAFlowThatReadsItBackUntilTheGrantIsRevoked() {
        Account admin = accounts.onboard("real-loop");
        var setup = api.post("/api/integration/activepieces/setup")
                .token(admin.token())
                .json(Map.of(
                        "apiKey",
                        ap.apiKey(),
                        "userEmail",
                        ap.email(),
                        "userPassword",
                        ap.password(),
                        "organizationId",
                        admin.organizationId().toString()))
                .send();
        assertThat(setup.status()).as(setup.text()).isEqualTo(201);

        String gauzy = "http://127.0.0.1:" + port;
        var connection = api.post("/api/integration/activepieces/connection")
                .token(admin.token())
                .json(Map.of(
                        "projectId",
                        ap.projectId(),
                        "organizationId",
                        admin.organizationId().toString(),
                        "gauzyUrl",
                        gauzy,
                        "connectionName",
                        "Ever Gauzy (loop test)"))
                .send();
        assertThat(connection.status())
                .as("Activepieces claimed the code at our token endpoint: " + connection.text())
                .isEqualTo(201);
        assertThat(connection.body().path("type").asString()).isEqualTo("OAUTH2");
        String externalId = connection.body().path("externalId").asString();
        String auth = "{{connections['" + externalId + "']}}";

        String flow = activepieces
                .post("/api/v1/flows")
                .token(ap.apiKey())
                .json(Map.of(
                        "displayName", "Gauzy task → read it back " + UUID.randomUUID(), "projectId", ap.projectId()))
                .send()
                .body()
                .path("id")
                .asString();
        String pieceVersion = activepieces
                .get("/api/v1/pieces/" + PIECE.replace("/", "%2F"))
                .token(ap.apiKey())
                .send()
                .body()
                .path("version")
                .asString();
        flowOperation(
                flow,
                "UPDATE_TRIGGER",
                Map.of(
                        "name",
                        "trigger",
                        "type",
                        "PIECE_TRIGGER",
                        "valid",
                        true,
                        "displayName",
                        "New task in Gauzy",
                        "settings",
                        Map.of(
                                "pieceName",
                                PIECE,
                                "pieceVersion",
                                pieceVersion,
                                "triggerName",
                                "new_task",
                                "input",
                                Map.of(
                                        "auth",
                                        auth,
                                        "organizationId",
                                        admin.organizationId().toString()),
                                "propertySettings",
                                Map.of())));
        flowOperation(
                flow,
                "ADD_ACTION",
                Map.of(
                        "parentStep",
                        "trigger",
                        "action",
                        Map.of(
                                "name",
                                "step_1",
                                "type",
                                "PIECE",
                                "valid",
                                true,
                                "displayName",
                                "Get the task",
                                "settings",
                                Map.of(
                                        "pieceName",
                                        PIECE,
                                        "pieceVersion",
                                        pieceVersion,
                                        "actionName",
                                        "get_task",
                                        "input",
                                        Map.of("auth", auth, "id", "{{trigger.output.data.id}}"),
                                        "propertySettings",
                                        Map.of(),
                                        "errorHandlingOptions",
                                        Map.of()))));
        flowOperation(
                flow,
                "ADD_ACTION",
                Map.of(
                        "parentStep",
                        "step_1",
                        "stepLocationRelativeToParent",
                        "AFTER",
                        "action",
                        Map.of(
                                "name",
                                "step_2",
                                "type",
                                "PIECE",
                                "valid",
                                true,
                                "displayName",
                                "Mark the task",
                                "settings",
                                Map.of(
                                        "pieceName",
                                        PIECE,
                                        "pieceVersion",
                                        pieceVersion,
                                        "actionName",
                                        "update_task",
                                        "input",
                                        Map.of(
                                                "auth",
                                                auth,
                                                "id",
                                                "{{step_1.output.id}}",
                                                "title",
                                                "{{step_1.output.title}} (seen by Activepieces)"),
                                        "propertySettings",
                                        Map.of(),
                                        "errorHandlingOptions",
                                        Map.of()))));
        JsonNode published = flowOperation(flow, "LOCK_AND_PUBLISH", Map.of());
        assertThat(published.path("status").asString()).isEqualTo("ENABLED");

        // Enabling ran the trigger's onEnable: the piece subscribed with the connection's token.
        JsonNode subscription = await(
                () -> {
                    JsonNode items = api.get("/api/integration/activepieces/webhooks")
                            .token(admin.token())
                            .send()
                            .body()
                            .path("items");
                    return items.isEmpty() ? null : items.get(0);
                },
                "the piece's webhook subscription");
        assertThat(subscription.path("targetUrl").asString()).endsWith("/v1/webhooks/" + flow);

        // A witness: Activepieces' catch-webhook trigger keeps the headers and the raw body it received.
        String witness = catchWebhookFlow("Witness");
        flowOperation(witness, "LOCK_AND_PUBLISH", Map.of());
        var witnessed = api.post("/api/integration/activepieces/webhooks")
                .token(admin.token())
                .json(Map.of(
                        "name",
                        "Witness",
                        "targetUrl",
                        ap.baseUrl() + "/api/v1/webhooks/" + witness,
                        "events",
                        List.of("task.created"),
                        "organizationId",
                        admin.organizationId().toString()))
                .send();
        assertThat(witnessed.status()).as(witnessed.text()).isEqualTo(201);
        String secret = witnessed.body().path("secret").asString();

        String title = "Loop " + UUID.randomUUID();
        var task = api.post("/api/tasks")
                .token(admin.token())
                .json(Map.of(
                        "title", title, "organizationId", admin.organizationId().toString()))
                .send();
        assertThat(task.status()).as(task.text()).isEqualTo(201);
        JsonNode first = endedRun(flow, 1);
        assertThat(first.path("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");
        JsonNode read = first.path("steps").path("step_1").path("output");
        assertThat(read.path("id").asString()).isEqualTo(task.body().path("id").asString());
        assertThat(read.path("title").asString()).isEqualTo(title);
        JsonNode written = api.get("/api/tasks/" + task.body().path("id").asString())
                .token(admin.token())
                .send()
                .body();
        assertThat(written.path("title").asString())
                .as("the flow wrote through our API")
                .isEqualTo(title + " (seen by Activepieces)");

        JsonNode delivery = api.get("/api/integration/activepieces/webhooks/"
                        + subscription.path("id").asString() + "/deliveries")
                .token(admin.token())
                .send()
                .body()
                .path("items")
                .get(0);
        assertThat(delivery.path("status").asString()).isEqualTo("DELIVERED");
        JsonNode caught = endedRun(witness, 1).path("steps").path("trigger").path("output");
        JsonNode headers = caught.path("headers");
        String signed = headers.path("webhook-id").asString() + "."
                + headers.path("webhook-timestamp").asString() + "."
                + caught.path("rawBody").asString();
        assertThat(headers.path("webhook-signature").asString())
                .as("Standard Webhooks signature, checked here")
                .isEqualTo("v1," + hmac(secret, signed));
        assertThat(caught.path("body").path("data").path("title").asString()).isEqualTo(title);
        activepieces.delete("/api/v1/flows/" + witness).token(ap.apiKey()).send();

        // The access token lives 60 s: the next run makes Activepieces refresh it first.
        String client = jdbc.sql("select setting_value from integration_setting where setting_name = 'oauth_client_id'"
                        + " and integration_tenant_id = :id")
                .param(
                        "id",
                        UUID.fromString(connection.body().path("integrationId").asString()))
                .query(String.class)
                .single();
        int tokensBefore = refreshTokens(client);
        await(
                () -> jdbc.sql("select count(*) from oauth_refresh_token where client_id = :client"
                                                + " and access_expires_at > :now")
                                        .param("client", client)
                                        .param("now", java.time.OffsetDateTime.now())
                                        .query(Integer.class)
                                        .single()
                                == 0
                        ? true
                        : null,
                "the connection's access token to expire",
                RUN);
        api.post("/api/tasks")
                .token(admin.token())
                .json(Map.of(
                        "title",
                        title + " again",
                        "organizationId",
                        admin.organizationId().toString()))
                .send();
        JsonNode second = endedRun(flow, 2);
        assertThat(second.path("status").asString()).as(second.toString()).isEqualTo("SUCCEEDED");
        assertThat(refreshTokens(client))
                .as("Activepieces refreshed the expired token")
                .isGreaterThan(tokensBefore);

        // The Flows tab: the flow, found by the piece and the connection, with its two runs.
        UUID install = UUID.fromString(connection.body().path("integrationId").asString());
        JsonNode shown = flowOnTab(admin, install, flow);
        assertThat(shown.path("links").toString()).contains("CONNECTION").contains("PIECE");
        assertThat(shown.path("health").asString()).as(shown.toString()).isEqualTo("OK");
        assertThat(shown.path("runs").path("lastRuns")).hasSize(2);
        assertThat(shown.path("runs").path("successRate24h").asDouble()).isEqualTo(1.0);
        assertThat(shown.path("trigger").asString()).isEqualTo(PIECE + ": new_task");
        String runs = api.get("/api/integration/activepieces/flows/" + install + "/" + flow + "/runs?projectId="
                        + ap.projectId())
                .token(admin.token())
                .send()
                .text();
        assertThat(runs).contains("SUCCEEDED").contains(second.path("id").asString());

        // Revoked in Gauzy. Activepieces 0.85.4 resolves the connection before it runs the trigger: its refresh
        // gets invalid_grant, it marks the connection ERROR, and no run is made (checked on the running server).
        String consent = api.get("/api/oauth/consents")
                .token(admin.token())
                .send()
                .body()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        assertThat(api.delete("/api/oauth/consents/" + consent)
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(204);
        var body = new HashMap<String, Object>(Map.of(
                "event",
                "task.created",
                "data",
                Map.of("id", task.body().path("id").asString())));
        assertThat(activepieces
                        .post("/api/v1/webhooks/" + flow)
                        .json(body)
                        .send()
                        .status())
                .isEqualTo(200);
        await(
                () -> connectionStatus(externalId).equals("ERROR") ? true : null,
                "Activepieces to mark the revoked connection ERROR",
                RUN);
        assertThat(runs(flow)).as("nothing ran with the revoked grant").hasSize(2);

        // No run failed, yet the Flows tab shows why the flow stopped, and raises the alert.
        clock.advance(Duration.ofSeconds(31));
        JsonNode dead = flowOnTab(admin, install, flow);
        assertThat(dead.path("health").asString()).as(dead.toString()).isEqualTo("CONNECTION_ERROR");
        assertThat(dead.path("alert").asString()).contains("connection is in ERROR");
        JsonNode alerts = api.get("/api/integration/activepieces/flows/" + install + "?projectId=" + ap.projectId())
                .token(admin.token())
                .send()
                .body()
                .path("alerts");
        assertThat(alerts.toString()).contains(flow).contains("CONNECTION_ERROR");

        // Not asserted: turning the flow off runs the trigger's onDisable, which Activepieces refuses while the
        // connection is expired ("reconnect again"); deleting the flow leaves nothing of this test enabled.
        activepieces.delete("/api/v1/flows/" + flow).token(ap.apiKey()).send();
    }

    JsonNode flowOnTab(Account admin, UUID install, String flow) {
        var tab = api.get("/api/integration/activepieces/flows/" + install + "?projectId=" + ap.projectId())
                .token(admin.token())
                .send();
        assertThat(tab.status()).as(tab.text()).isEqualTo(200);
        for (JsonNode item : tab.body().path("items")) {
            if (item.path("id").asString().equals(flow)) {
                return item;
            }
        }
        throw new AssertionError("the flow is not on the Flows tab: " + tab.text());
    }

    String connectionStatus(String externalId) {
        JsonNode listed = activepieces
                .get("/api/v1/app-connections?projectId=" + ap.projectId() + "&limit=100&pieceName="
                        + PIECE.replace("@", "%40").replace("/", "%2F"))
                .token(ap.apiKey())
                .send()
                .body()
                .path("data");
        for (JsonNode c : listed) {
            if (c.path("externalId").asString().equals(externalId)) {
                return c.path("status").asString();
            }
        }
        throw new AssertionError("no connection " + externalId);
    }

    /**
     * Why "Create connection" makes an OAuth2 connection: a SECRET_TEXT one (the seed's form) is stored as
     * ACTIVE, since the piece's auth has no validate function, but the piece reads {@code auth.access_token},
     * which a secret text does not have: its actions fail before they call Gauzy (seen on 0.85.4).
     */
    @Test
    void theSeedsSecretTextConnectionCannotServeThePiecesActions() {
        Account admin = accounts.onboard("real-secret");
        var setup = api.post("/api/integration/activepieces/setup")
                .token(admin.token())
                .json(Map.of(
                        "apiKey",
                        ap.apiKey(),
                        "organizationId",
                        admin.organizationId().toString()))
                .send();
        assertThat(setup.status()).as(setup.text()).isEqualTo(201);
        var connection = api.post("/api/integration/activepieces/connection")
                .token(admin.token())
                .json(Map.of(
                        "type",
                        "SECRET_TEXT",
                        "accessToken",
                        admin.token(),
                        "projectId",
                        ap.projectId(),
                        "organizationId",
                        admin.organizationId().toString()))
                .send();
        assertThat(connection.status()).as(connection.text()).isEqualTo(201);
        assertThat(connection.body().path("status").asString())
                .as("Activepieces accepts it")
                .isEqualTo("ACTIVE");
        String auth = "{{connections['" + connection.body().path("externalId").asString() + "']}}";
        var task = api.post("/api/tasks")
                .token(admin.token())
                .json(Map.of(
                        "title",
                        "Unreachable",
                        "organizationId",
                        admin.organizationId().toString()))
                .send();

        String pieceVersion = activepieces
                .get("/api/v1/pieces/" + PIECE.replace("/", "%2F"))
                .token(ap.apiKey())
                .send()
                .body()
                .path("version")
                .asString();
        String flow = catchWebhookFlow("Secret text");
        flowOperation(
                flow,
                "ADD_ACTION",
                Map.of(
                        "parentStep",
                        "trigger",
                        "action",
                        Map.of(
                                "name",
                                "step_1",
                                "type",
                                "PIECE",
                                "valid",
                                true,
                                "displayName",
                                "Get the task",
                                "settings",
                                Map.of(
                                        "pieceName",
                                        PIECE,
                                        "pieceVersion",
                                        pieceVersion,
                                        "actionName",
                                        "get_task",
                                        "input",
                                        Map.of(
                                                "auth",
                                                auth,
                                                "id",
                                                task.body().path("id").asString()),
                                        "propertySettings",
                                        Map.of(),
                                        "errorHandlingOptions",
                                        Map.of()))));
        flowOperation(flow, "LOCK_AND_PUBLISH", Map.of());
        assertThat(activepieces
                        .post("/api/v1/webhooks/" + flow)
                        .json(Map.of("go", true))
                        .send()
                        .status())
                .isEqualTo(200);
        JsonNode run = endedRun(flow, 1);
        assertThat(run.path("status").asString()).isEqualTo("FAILED");
        // The piece reads auth.access_token to decode the token's tenant: a secret text has none.
        assertThat(run.path("steps").path("step_1").path("status").asString()).isEqualTo("FAILED");
        assertThat(run.path("steps").path("step_1").path("errorMessage").asString())
                .contains("Cannot read properties of undefined")
                .contains("decodeJwtPayload");
        activepieces.delete("/api/v1/flows/" + flow).token(ap.apiKey()).send();
    }

    /** A flow started by Activepieces' own catch-webhook trigger, which keeps the headers and raw body. */
    String catchWebhookFlow(String name) {
        var installed = activepieces
                .post("/api/v1/pieces")
                .token(ap.apiKey())
                .json(Map.of(
                        "packageType",
                        "REGISTRY",
                        "scope",
                        "PLATFORM",
                        "pieceName",
                        "@activepieces/piece-webhook",
                        "pieceVersion",
                        "0.1.29"))
                .send();
        assertThat(installed.status()).as(installed.text()).isIn(201, 409);
        String flow = activepieces
                .post("/api/v1/flows")
                .token(ap.apiKey())
                .json(Map.of("displayName", name + " " + UUID.randomUUID(), "projectId", ap.projectId()))
                .send()
                .body()
                .path("id")
                .asString();
        flowOperation(
                flow,
                "UPDATE_TRIGGER",
                Map.of(
                        "name",
                        "trigger",
                        "type",
                        "PIECE_TRIGGER",
                        "valid",
                        true,
                        "displayName",
                        "Catch Webhook",
                        "settings",
                        Map.of(
                                "pieceName",
                                "@activepieces/piece-webhook",
                                "pieceVersion",
                                "0.1.29",
                                "triggerName",
                                "catch_webhook",
                                "input",
                                Map.of("authType", "none"),
                                "propertySettings",
                                Map.of())));
        return flow;
    }

    /** HMAC-SHA256 with a {@code whsec_} secret, Base64: computed here, not by the service's own code. */
    static String hmac(String secret, String signed) {
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            return java.util.Base64.getEncoder()
                    .encodeToString(mac.doFinal(signed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    int refreshTokens(String client) {
        return jdbc.sql("select count(*) from oauth_refresh_token where client_id = :client")
                .param("client", client)
                .query(Integer.class)
                .single();
    }
}
