package org.gauzy.bridge.activepieces;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.sandbox.RecordedRequest;
import org.gauzy.bridge.sandbox.Seed;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.SqlLog;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** App connections through the API, against the sandbox, with two tenants sharing one Activepieces project. */
abstract class ConnectionTests extends ApiTest {

    ActivepiecesSandbox ap = TestSandbox.shared();
    Seed platform;
    Account alpha;
    Account beta;
    UUID alphaInstall;
    UUID betaInstall;

    @BeforeEach
    void twoTenantsOnOnePlatform() {
        platform = ap.addPlatform(null, null);
        alpha = accounts.onboard("conn-alpha");
        beta = accounts.onboard("conn-beta");
        alphaInstall = setup(alpha, platform.apiKey());
        betaInstall = setup(beta, platform.apiKey());
    }

    UUID setup(Account account, String key) {
        var response = api.post("/api/integration/activepieces/setup")
                .token(account.token())
                .json(Map.of(
                        "apiKey",
                        key,
                        "organizationId",
                        account.organizationId().toString()))
                .send();
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return UUID.fromString(response.body().path("integrationTenantId").asString());
    }

    Api.Response createConnection(Account account, String project, String name) {
        var body = new HashMap<String, Object>(Map.of(
                "accessToken",
                "gauzy-access-token-" + account.userId(),
                "projectId",
                project,
                "organizationId",
                account.organizationId().toString()));
        if (name != null) {
            body.put("connectionName", name);
        }
        return api.post("/api/integration/activepieces/connection")
                .token(account.token())
                .json(body)
                .send();
    }

    /** A connection made directly on Activepieces for a tenant, as another Gauzy would. */
    void foreignConnection(String externalId, String tenantId, String displayName, String pieceName) {
        var response = new Api(ap.baseUrl())
                .post("/api/v1/app-connections")
                .token(platform.apiKey())
                .json(Map.of(
                        "externalId",
                        externalId,
                        "displayName",
                        displayName,
                        "pieceName",
                        pieceName,
                        "projectId",
                        platform.projectId(),
                        "type",
                        "SECRET_TEXT",
                        "metadata",
                        Map.of("tenantId", tenantId),
                        "value",
                        Map.of("type", "SECRET_TEXT", "secret_text", "x")))
                .send();
        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }

    RecordedRequest lastUpsert() {
        var upserts = ap.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/api/v1/app-connections"))
                .toList();
        return upserts.get(upserts.size() - 1);
    }

    @Test
    void upsertSendsTheConnectionActivepiecesExpectsAndRecordsIt() {
        var created = createConnection(alpha, platform.projectId(), null);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().path("integrationId").asString()).isEqualTo(alphaInstall.toString());
        assertThat(created.text()).doesNotContain("gauzy-access-token");

        JsonNode sent = api.json().readTree(lastUpsert().body());
        assertThat(sent.path("externalId").asString())
                .isEqualTo("gauzy-tenant-" + alpha.tenantId() + "-org-" + alpha.organizationId());
        assertThat(sent.path("pieceName").asString()).isEqualTo("@activepieces/piece-ever-gauzy");
        assertThat(sent.path("displayName").asString()).isEqualTo("Ever Gauzy - conn-alpha tenant");
        assertThat(sent.path("projectId").asString()).isEqualTo(platform.projectId());
        assertThat(sent.path("type").asString()).isEqualTo("SECRET_TEXT");
        assertThat(sent.path("value").path("type").asString()).isEqualTo("SECRET_TEXT");
        assertThat(sent.path("value").path("secret_text").asString()).isEqualTo("gauzy-access-token-" + alpha.userId());
        JsonNode metadata = sent.path("metadata");
        assertThat(metadata.path("tenantId").asString())
                .isEqualTo(alpha.tenantId().toString());
        assertThat(metadata.path("organizationId").asString())
                .isEqualTo(alpha.organizationId().toString());
        assertThat(metadata.path("gauzyVersion").asString()).isNotBlank().isNotEqualTo("1.0.0");
        assertThat(metadata.path("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        var again = createConnection(alpha, platform.projectId(), "Renamed by admin");
        assertThat(again.body().path("id").asString())
                .isEqualTo(created.body().path("id").asString());
        assertThat(again.body().path("displayName").asString()).isEqualTo("Renamed by admin");
        assertThat(again.body().path("integrationId").asString()).isEqualTo(alphaInstall.toString());
        var installation = api.get("/api/integration/activepieces/integration-tenant/" + alphaInstall)
                .token(alpha.token())
                .send();
        assertThat(installation.text()).doesNotContain("gauzy-access-token");
        assertThat(installation.body().path("settings").toString())
                .contains("connection_id", "project_id", "access_token");
    }

    @Test
    void aPageReadsItsInstallationOnceAndTheNextRequestReadsItAgain() {
        foreignConnection("read-once", alpha.tenantId().toString(), "Read once", "@activepieces/piece-ever-gauzy");
        String page = "/api/integration/activepieces/connections/" + alphaInstall + "?projectId=" + platform.projectId()
                + "&limit=10";
        var answer = new Api.Response[1];

        List<String> sql = SqlLog.during(
                () -> answer[0] = api.get(page).token(alpha.token()).send());

        assertThat(answer[0].status()).as(answer[0].text()).isEqualTo(200);
        assertThat(answer[0].body().path("data")).hasSize(1);
        assertThat(sql)
                .as("the permission check's read of the installation serves its credential")
                .filteredOn(s -> s.contains("from integration_tenant") && s.contains("it.id = ?"))
                .hasSize(1);

        // A key set up since: the next request reads it, and Activepieces refuses it for this project.
        Seed elsewhere = ap.addPlatform(null, null);
        setup(alpha, elsewhere.apiKey());
        var refused = api.get(page).token(alpha.token()).send();
        assertThat(refused.status()).as(refused.text()).isBetween(400, 499);
        setup(alpha, platform.apiKey());
        assertThat(api.get(page).token(alpha.token()).send().status()).isEqualTo(200);
    }

    @Test
    void listingShowsOnlyTheTenantsConnectionsAndPagesWithoutLoss() {
        for (int i = 0; i < 25; i++) {
            String tenant =
                    i % 3 == 0 ? alpha.tenantId().toString() : beta.tenantId().toString();
            foreignConnection("ext-" + i, tenant, "Conn " + i, "@activepieces/piece-ever-gauzy");
        }
        var seen = new ArrayList<String>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = list(alpha, alphaInstall, "&limit=3" + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            assertThat(page.path("data").size()).isBetween(1, 3);
            page.path("data").forEach(c -> seen.add(c.path("displayName").asString()));
            page.path("data")
                    .forEach(c -> assertThat(c.path("metadata").path("tenantId").asString())
                            .isEqualTo(alpha.tenantId().toString()));
            cursor = page.path("next").isNull() ? null : page.path("next").asString();
            pages++;
        } while (cursor != null);
        assertThat(seen)
                .containsExactly(
                        "Conn 0", "Conn 3", "Conn 6", "Conn 9", "Conn 12", "Conn 15", "Conn 18", "Conn 21", "Conn 24");
        assertThat(pages).isEqualTo(3);

        var all = api.get(
                        "/api/integration/activepieces/connections/tenant/" + betaInstall + "/" + platform.projectId())
                .token(beta.token())
                .send();
        assertThat(all.body()).hasSize(16);
    }

    /**
     * Activepieces' cursor skips the rows created in the second of a page's last row; connections created
     * in one burst still all come back, forward and backward, each once.
     */
    @Test
    void connectionsCreatedInOneSecondAreNeitherLostNorRepeated() {
        ap.clock().pinToSecond();
        try {
            for (int i = 0; i < 30; i++) {
                String tenant = i % 2 == 0
                        ? alpha.tenantId().toString()
                        : beta.tenantId().toString();
                foreignConnection(
                        String.format("burst-%02d", i),
                        tenant,
                        String.format("Burst %02d", i),
                        "@activepieces/piece-ever-gauzy");
            }
        } finally {
            ap.clock().unpin();
        }
        var forward = new ArrayList<String>();
        JsonNode page = list(alpha, alphaInstall, "&limit=2&displayName=burst");
        List<JsonNode> pages = new ArrayList<>();
        while (true) {
            pages.add(page);
            page.path("data").forEach(c -> forward.add(c.path("displayName").asString()));
            if (page.path("next").isNull()) {
                break;
            }
            page = list(
                    alpha,
                    alphaInstall,
                    "&limit=2&displayName=burst&cursor=" + enc(page.path("next").asString()));
        }
        var expected = new ArrayList<String>();
        for (int i = 0; i < 30; i += 2) {
            expected.add(String.format("Burst %02d", i));
        }
        assertThat(forward).containsExactlyElementsOf(expected);
        assertThat(page.has("warning")).isFalse();

        var backward = new ArrayList<String>();
        JsonNode last = pages.get(pages.size() - 1);
        last.path("data").forEach(c -> backward.add(c.path("displayName").asString()));
        JsonNode back = last;
        while (!back.path("previous").isNull()) {
            back = list(
                    alpha,
                    alphaInstall,
                    "&limit=2&displayName=burst&cursor="
                            + enc(back.path("previous").asString()));
            var names = new ArrayList<String>();
            back.path("data").forEach(c -> names.add(c.path("displayName").asString()));
            backward.addAll(0, names);
        }
        assertThat(backward).containsExactlyElementsOf(expected);

        var all = api.get(
                        "/api/integration/activepieces/connections/tenant/" + betaInstall + "/" + platform.projectId())
                .token(beta.token())
                .send();
        assertThat(all.body()).hasSize(15);
        assertThat(all.header("X-Listing-Incomplete")).isNull();
        var activepiecesCursor = api.get("/api/integration/activepieces/connections/" + alphaInstall + "?projectId="
                        + platform.projectId() + "&cursor=" + enc("bmV4dF9ZM0psWVhSbFpEb3hOelk1TURFek1ESTBNRFV3"))
                .token(alpha.token())
                .send();
        assertThat(activepiecesCursor.status()).isEqualTo(400);
        assertThat(activepiecesCursor.message()).contains("cursor is not one this API gave");
    }

    @Test
    void everyFilterIsPassedToActivepieces() {
        foreignConnection("f-1", alpha.tenantId().toString(), "Sales automation", "@activepieces/piece-ever-gauzy");
        foreignConnection("f-2", alpha.tenantId().toString(), "Slack alerts", "@activepieces/piece-slack");
        assertThat(names(list(alpha, alphaInstall, "&pieceName=" + enc("@activepieces/piece-slack"))))
                .containsExactly("Slack alerts");
        assertThat(names(list(alpha, alphaInstall, "&displayName=SALES"))).containsExactly("Sales automation");
        assertThat(names(list(alpha, alphaInstall, "&status=ACTIVE&status=ERROR")))
                .hasSize(2);
        assertThat(names(list(alpha, alphaInstall, "&status=ERROR"))).isEmpty();
        assertThat(names(list(alpha, alphaInstall, "&scope=PROJECT"))).hasSize(2);
        var query = ap.requests().stream()
                .filter(r ->
                        r.path().equals("/api/v1/app-connections") && r.method().equals("GET"))
                .toList();
        assertThat(query.get(query.size() - 1).query()).containsEntry("scope", List.of("PROJECT"));
        // A page of 10 (the default) asks for 11 rows: the eleventh shows whether the tenth shares its millisecond
        // with rows Activepieces' cursor would skip. Not a fixed 100, which cost the proxy more than the rest.
        assertThat(query.get(query.size() - 1).query()).containsEntry("limit", List.of("11"));
        assertThat(query.get(query.size() - 3).query().get("status")).containsExactly("ACTIVE", "ERROR");

        assertThat(api.get("/api/integration/activepieces/connections/" + alphaInstall)
                        .token(alpha.token())
                        .send()
                        .message())
                .contains("projectId is required");
        assertThat(api.get("/api/integration/activepieces/connections/" + alphaInstall + "?projectId="
                                + platform.projectId() + "&limit=500")
                        .token(alpha.token())
                        .send()
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/integration/activepieces/connections/" + alphaInstall + "?projectId="
                                + platform.projectId() + "&status=GONE")
                        .token(alpha.token())
                        .send()
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/integration/activepieces/connections/" + alphaInstall + "?projectId=..%2F..%2Fx")
                        .token(alpha.token())
                        .send()
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theRecordedConnectionIsReadAndDeleted() {
        String id = createConnection(alpha, platform.projectId(), null)
                .body()
                .path("id")
                .asString();
        var read = api.get("/api/integration/activepieces/connection/" + alphaInstall)
                .token(alpha.token())
                .send();
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.body().path("id").asString()).isEqualTo(id);

        assertThat(api.delete("/api/integration/activepieces/connection/" + alphaInstall)
                        .token(alpha.token())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(names(list(alpha, alphaInstall, ""))).isEmpty();
        assertThat(api.get("/api/integration/activepieces/connection/" + alphaInstall)
                        .token(alpha.token())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/integration/activepieces/connection/" + alphaInstall)
                        .token(alpha.token())
                        .send()
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aConnectionAlreadyGoneFromActivepiecesStillDeletes() {
        String id = createConnection(alpha, platform.projectId(), null)
                .body()
                .path("id")
                .asString();
        assertThat(new Api(ap.baseUrl())
                        .delete("/api/v1/app-connections/" + id)
                        .token(platform.apiKey())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.delete("/api/integration/activepieces/connection/" + alphaInstall)
                        .token(alpha.token())
                        .send()
                        .status())
                .isEqualTo(204);
    }

    @Test
    void onTheSharedKeyATenantCannotUseAProjectNotBoundToIt() {
        Account loner = accounts.onboard("conn-global");
        var refused = createConnection(loner, ap.seed().projectId(), null);
        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        assertThat(refused.message()).contains("not bound to your tenant");
    }

    @Test
    void anotherTenantOrAnEmployeeCannotTouchTheConnections() {
        createConnection(alpha, platform.projectId(), null);
        Account employee = accounts.addUser(alpha, "EMPLOYEE");
        for (var call : List.of(
                api.get("/api/integration/activepieces/connections/" + alphaInstall + "?projectId="
                        + platform.projectId()),
                api.get("/api/integration/activepieces/connections/tenant/" + alphaInstall + "/"
                        + platform.projectId()),
                api.get("/api/integration/activepieces/connection/" + alphaInstall),
                api.delete("/api/integration/activepieces/connection/" + alphaInstall))) {
            assertThat(call.token(beta.token()).send().status()).isEqualTo(404);
        }
        for (var call : List.of(
                api.get("/api/integration/activepieces/connections/" + alphaInstall + "?projectId="
                        + platform.projectId()),
                api.get("/api/integration/activepieces/connection/" + alphaInstall),
                api.delete("/api/integration/activepieces/connection/" + alphaInstall))) {
            assertThat(call.token(employee.token()).send().status()).isEqualTo(403);
        }
        var employeeCreate = ConnectionRequests.create(
                        api, employee.token(), alpha.organizationId(), platform.projectId())
                .send();
        assertThat(employeeCreate.status()).isEqualTo(403);
        var crossCreate = ConnectionRequests.create(api, beta.token(), alpha.organizationId(), platform.projectId())
                .send();
        assertThat(crossCreate.status()).isEqualTo(403);
        assertThat(api.get("/api/integration/activepieces/connection/" + alphaInstall)
                        .token(alpha.token())
                        .send()
                        .status())
                .isEqualTo(200);
    }

    JsonNode list(Account account, UUID installation, String filters) {
        var response = api.get("/api/integration/activepieces/connections/" + installation + "?projectId="
                        + platform.projectId() + filters)
                .token(account.token())
                .send();
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    static List<String> names(JsonNode page) {
        var out = new ArrayList<String>();
        page.path("data").forEach(c -> out.add(c.path("displayName").asString()));
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
