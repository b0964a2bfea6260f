package org.gauzy.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** App connections: upsert, list with every filter and cursor paging, rename, delete, validation. */
class ConnectionTests {

    static ActivepiecesSandbox ap;
    static Client client;

    @BeforeAll
    static void start() {
        ap = ActivepiecesSandbox.builder().apVersion("0.85").start();
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

    String key() {
        return ap.seed().apiKey();
    }

    Map<String, Object> secretText(String externalId, String displayName, String secret) {
        var body = new HashMap<String, Object>();
        body.put("externalId", externalId);
        body.put("displayName", displayName);
        body.put("pieceName", ActivepiecesSandbox.EVER_GAUZY_PIECE);
        body.put("projectId", ap.seed().projectId());
        body.put("type", "SECRET_TEXT");
        body.put("metadata", Map.of("tenantId", "t-1"));
        body.put("value", Map.of("type", "SECRET_TEXT", "secret_text", secret));
        return body;
    }

    @Test
    void upsertIsIdempotentByExternalIdAndKeepsTheId() {
        var first = client.post("/api/v1/app-connections", key(), secretText("gauzy-1", "First", "s1"));
        var second = client.post("/api/v1/app-connections", key(), secretText("gauzy-1", "Second", "s2"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body().path("id").asString())
                .isEqualTo(first.body().path("id").asString());
        assertThat(second.body().path("displayName").asString()).isEqualTo("Second");
        assertThat(second.body().path("ownerId").asString()).isEqualTo(ap.seed().userId());
        assertThat(second.body().path("pieceVersion").asString()).isEqualTo("0.0.1");
        assertThat(second.body().path("usingSecretManager").asBoolean()).isFalse();
        assertThat(second.body().has("owner")).isFalse();
        assertThat(ap.connectionValue(first.body().path("id").asString()))
                .hasValueSatisfying(v -> assertThat(v).contains("s2"));
        assertThat(list("").path("data")).hasSize(1);
    }

    @Test
    void noResponseEverContainsTheValue() {
        var upsert = client.post("/api/v1/app-connections", key(), secretText("gauzy-2", "Secret", "TOP-SECRET-VALUE"));
        String id = upsert.body().path("id").asString();
        assertThat(upsert.raw().body()).doesNotContain("TOP-SECRET-VALUE").doesNotContain("\"value\"");
        assertThat(list("").toString()).doesNotContain("TOP-SECRET-VALUE").doesNotContain("\"value\"");
        assertThat(client.post("/api/v1/app-connections/" + id, key(), Map.of("displayName", "Renamed"))
                        .raw()
                        .body())
                .doesNotContain("TOP-SECRET-VALUE");
    }

    @Test
    void validationErrorsAreFastifysWithTheFieldPath() {
        var body = secretText("gauzy-3", "X", "s");
        body.remove("projectId");
        assertValidation(client.post("/api/v1/app-connections", key(), body), "body/projectId");

        assertValidation(
                client.post("/api/v1/app-connections", key(), secretText("gauzy-3", "X", "")),
                "body/value/secret_text Too small");

        var mismatch = secretText("gauzy-3", "X", "s");
        mismatch.put("value", Map.of("type", "BASIC_AUTH", "username", "u", "password", "p"));
        assertValidation(client.post("/api/v1/app-connections", key(), mismatch), "body Invalid input");

        var badType = secretText("gauzy-3", "X", "s");
        badType.put("type", "MAGIC");
        assertValidation(client.post("/api/v1/app-connections", key(), badType), "body/type");

        assertValidation(client.get("/api/v1/app-connections", key()), "querystring/projectId");
        assertValidation(
                client.get("/api/v1/app-connections?projectId=" + ap.seed().projectId() + "&status=GONE", key()),
                "querystring/status/0");
        assertValidation(client.delete("/api/v1/app-connections/not-an-id", key()), "params/id");
    }

    @Test
    void unknownPieceIs404AndBadSemverIs409() {
        var body = secretText("gauzy-4", "X", "s");
        body.put("pieceName", "Ever-gauzy");
        var unknown = client.post("/api/v1/app-connections", key(), body);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("params").path("message").asString())
                .isEqualTo("piece_metadata_not_found pieceName=Ever-gauzy");

        var version = secretText("gauzy-4", "X", "s");
        version.put("pieceVersion", "latest");
        var invalid = client.post("/api/v1/app-connections", key(), version);
        assertThat(invalid.status()).isEqualTo(409);
        assertThat(invalid.body().path("code").asString()).isEqualTo("VALIDATION");
        assertThat(invalid.body().path("params").path("message").asString()).isEqualTo("Invalid piece version");
    }

    @Test
    void everyListFilterWorks() {
        client.post("/api/v1/app-connections", key(), secretText("a", "Ever Gauzy - Acme", "s"));
        client.post("/api/v1/app-connections", key(), secretText("b", "Ever Gauzy - Globex", "s"));
        var slack = secretText("c", "Team Slack", "s");
        slack.put("pieceName", "@activepieces/piece-slack");
        client.post("/api/v1/app-connections", key(), slack);
        var placeholder = new HashMap<String, Object>(Map.of(
                "externalId",
                "d",
                "displayName",
                "Waiting",
                "pieceName",
                ActivepiecesSandbox.EVER_GAUZY_PIECE,
                "projectId",
                ap.seed().projectId(),
                "type",
                "PLACEHOLDER"));
        assertThat(client.post("/api/v1/app-connections", key(), placeholder)
                        .body()
                        .path("status")
                        .asString())
                .isEqualTo("MISSING");

        assertThat(names(list("&pieceName=" + enc(ActivepiecesSandbox.EVER_GAUZY_PIECE))))
                .containsExactly("Ever Gauzy - Acme", "Ever Gauzy - Globex", "Waiting");
        assertThat(names(list("&pieceName=%40activepieces%2Fpiece"))).isEmpty();
        assertThat(names(list("&displayName=gauzy%20-%20ACME"))).containsExactly("Ever Gauzy - Acme");
        assertThat(names(list("&status=MISSING"))).containsExactly("Waiting");
        assertThat(names(list("&status=MISSING&status=ACTIVE"))).hasSize(4);
        assertThat(names(list("&status%5B%5D=ACTIVE"))).hasSize(3);
        assertThat(names(list("&scope=PLATFORM"))).isEmpty();
        assertThat(names(list("&scope=PROJECT"))).hasSize(4);
        JsonNode item = list("&displayName=acme").path("data").get(0);
        assertThat(item.path("owner").path("email").asString())
                .isEqualTo(ap.seed().userEmail());
        assertThat(item.path("flowIds").isArray()).isTrue();
    }

    /** Created a second apart, connections page without loss, in creation order. */
    @Test
    void cursorPagingVisitsEveryConnectionOnceInCreationOrder() {
        for (int i = 0; i < 23; i++) {
            client.post("/api/v1/app-connections", key(), secretText("page-" + i, "Conn " + i, "s"));
            ap.clock().advance(java.time.Duration.ofSeconds(1));
        }
        var seen = new ArrayList<String>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = list(cursor == null ? "" : "&cursor=" + enc(cursor));
            page.path("data").forEach(c -> seen.add(c.path("displayName").asString()));
            cursor = page.path("next").isNull() ? null : page.path("next").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(23).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo("Conn 0");
        assertThat(seen.get(22)).isEqualTo("Conn 22");

        JsonNode first = list("&limit=5");
        assertThat(first.path("previous").isNull()).isTrue();
        JsonNode second = list("&limit=5&cursor=" + enc(first.path("next").asString()));
        JsonNode back = list("&limit=5&cursor=" + enc(second.path("previous").asString()));
        assertThat(names(back)).isEqualTo(names(first));
        assertThat(new HashSet<>(names(second))).doesNotContainAnyElementsOf(names(first));
    }

    /** Created within one second, a page's neighbours in that second are skipped, as Activepieces does. */
    @Test
    void connectionsCreatedInOneSecondAreLostBetweenPages() {
        ap.clock().pinToSecond();
        for (int i = 0; i < 6; i++) {
            client.post("/api/v1/app-connections", key(), secretText("burst-" + i, "Burst " + i, "s"));
        }
        ap.clock().unpin();
        JsonNode first = list("&limit=2&displayName=burst");
        assertThat(names(first)).containsExactly("Burst 0", "Burst 1");
        JsonNode second = list(
                "&limit=2&displayName=burst&cursor=" + enc(first.path("next").asString()));
        assertThat(names(second)).isEmpty();
        assertThat(second.path("next").isNull()).isTrue();
        assertThat(names(list("&limit=-1&displayName=burst"))).hasSize(6);
    }

    @Test
    void renameAndDelete() {
        String id = client.post("/api/v1/app-connections", key(), secretText("e", "Old", "s"))
                .body()
                .path("id")
                .asString();
        var renamed = client.post(
                "/api/v1/app-connections/" + id,
                key(),
                Map.of("displayName", "New", "metadata", Map.of("tenantId", "t-2")));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body().path("metadata").path("tenantId").asString()).isEqualTo("t-2");

        var deleted = client.delete("/api/v1/app-connections/" + id, key());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.raw().body()).isEmpty();
        var again = client.delete("/api/v1/app-connections/" + id, key());
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().path("code").asString()).isEqualTo("ENTITY_NOT_FOUND");
    }

    @Test
    void getByIdIsRouteNotFoundBefore086() {
        String id = client.post("/api/v1/app-connections", key(), secretText("f", "F", "s"))
                .body()
                .path("id")
                .asString();
        var response = client.get("/api/v1/app-connections/" + id, key());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().path("message").asString()).isEqualTo("Route not found");
    }

    @Test
    void getByIdFrom086WithFlowIdsAnd403AcrossPlatforms() {
        try (var newer = ActivepiecesSandbox.builder().apVersion("0.86").start()) {
            var c = new Client(newer.baseUrl());
            var body = secretText("g", "G", "s");
            body.put("projectId", newer.seed().projectId());
            String id = c.post("/api/v1/app-connections", newer.seed().apiKey(), body)
                    .body()
                    .path("id")
                    .asString();
            var got = c.get("/api/v1/app-connections/" + id, newer.seed().apiKey());
            assertThat(got.status()).isEqualTo(200);
            assertThat(got.body().path("flowIds").isArray()).isTrue();
            assertThat(got.body().has("value")).isFalse();
            assertThat(c.get(
                                    "/api/v1/app-connections/AAAAAAAAAAAAAAAAAAAAA",
                                    newer.seed().apiKey())
                            .body()
                            .path("code")
                            .asString())
                    .isEqualTo("ENTITY_NOT_FOUND");
            Seed other = newer.addPlatform(null, null);
            assertThat(c.get("/api/v1/app-connections/" + id, other.apiKey()).status())
                    .isEqualTo(403);
        }
    }

    private JsonNode list(String filters) {
        var response =
                client.get("/api/v1/app-connections?projectId=" + ap.seed().projectId() + filters, key());
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.body();
    }

    private static List<String> names(JsonNode page) {
        var out = new ArrayList<String>();
        page.path("data").forEach(c -> out.add(c.path("displayName").asString()));
        return out;
    }

    private static void assertValidation(Client.Response response, String messageStart) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(400);
        assertThat(response.body().path("code").asString()).isEqualTo("FST_ERR_VALIDATION");
        assertThat(response.body().path("error").asString()).isEqualTo("Bad Request");
        assertThat(response.body().path("message").asString()).startsWith(messageStart);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
