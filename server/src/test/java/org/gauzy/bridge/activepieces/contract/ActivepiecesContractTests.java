package org.gauzy.bridge.activepieces.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import tools.jackson.databind.JsonNode;

/**
 * The product's whole Gauzy → Activepieces surface (setup, credential resolution, projects, connections,
 * MCP servers) against one Activepieces, touching it only through its REST API, so the same suite runs
 * against the sandbox of each release and against the real Activepieces ({@code -Preal-activepieces}).
 * Every test cleans up what it made on Activepieces.
 */
public abstract class ActivepiecesContractTests extends ApiTest {

    protected abstract ActivepiecesTarget target();

    /** Runs {@code burst} so that Activepieces creates its rows within one second, as a busy client would. */
    protected abstract void inOneSecond(Runnable burst);

    Api activepieces;
    Account owner;
    final List<String> madeOnActivepieces = new ArrayList<>();

    final CallRecorder calls = new CallRecorder();

    @BeforeEach
    void tenant() {
        activepieces = new Api(target().baseUrl());
        owner = accounts.onboard("contract");
        calls.start();
    }

    @AfterEach
    void removeWhatWasMade(TestInfo test) {
        calls.stop(target().name(), test.getTestMethod().orElseThrow().getName());
        String credential = bearer();
        madeOnActivepieces.forEach(id -> activepieces
                .delete("/api/v1/app-connections/" + id)
                .token(credential)
                .send());
    }

    /** What connections and projects are managed with: the key if there is one, else the user's session. */
    String bearer() {
        return target().apiKey() != null ? target().apiKey() : userSession();
    }

    String userSession() {
        var signedIn = activepieces
                .post("/api/v1/authentication/sign-in")
                .json(Map.of("email", target().userEmail(), "password", target().userPassword()))
                .send();
        assertThat(signedIn.status()).as(signedIn.text()).isEqualTo(200);
        return signedIn.body().path("token").asString();
    }

    UUID setup(Map<String, String> credentials) {
        var body = new HashMap<String, Object>(credentials);
        body.put("organizationId", owner.organizationId().toString());
        var response = api.post("/api/integration/activepieces/setup")
                .token(owner.token())
                .json(body)
                .send();
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return UUID.fromString(response.body().path("integrationTenantId").asString());
    }

    Map<String, String> user() {
        return Map.of("userEmail", target().userEmail(), "userPassword", target().userPassword());
    }

    Map<String, String> everything() {
        var all = new HashMap<>(user());
        if (target().apiKey() != null) {
            all.put("apiKey", target().apiKey());
        }
        return all;
    }

    /** The ids of a page's items (not of what they embed, such as their owner). */
    static List<String> ids(JsonNode data) {
        var out = new ArrayList<String>();
        data.forEach(item -> out.add(item.path("id").asString()));
        return out;
    }

    @Test
    void setupChecksEachCredentialAndRefusesWhatActivepiecesRefuses() {
        setup(everything());
        var wrongPassword = api.post("/api/integration/activepieces/setup")
                .token(owner.token())
                .json(Map.of("userEmail", target().userEmail(), "userPassword", "not-the-password"))
                .send();
        assertThat(wrongPassword.status()).as(wrongPassword.text()).isEqualTo(400);
        assertThat(wrongPassword.message()).contains("refused to sign in");
        var wrongKey = api.post("/api/integration/activepieces/setup")
                .token(owner.token())
                .json(Map.of("apiKey", "sk-" + "0".repeat(61)))
                .send();
        assertThat(wrongKey.status()).as(wrongKey.text()).isEqualTo(400);
        assertThat(wrongKey.message()).contains("API key was rejected");
    }

    @Test
    void theUsersProjectIsListedWithEitherCredential() {
        for (Map<String, String> credentials :
                target().apiKey() == null ? List.of(user()) : List.of(user(), Map.of("apiKey", target().apiKey()))) {
            UUID installation = setup(credentials);
            var projects = api.get("/api/integration/activepieces/projects/" + installation)
                    .token(owner.token())
                    .send();
            assertThat(projects.status()).as(projects.text()).isEqualTo(200);
            assertThat(ids(projects.body().path("data"))).contains(target().projectId());
        }
    }

    @Test
    void aConnectionIsCreatedListedReadAndDeletedWithAUserAlone() {
        UUID installation = setup(user());
        var created = api.post("/api/integration/activepieces/connection")
                .token(owner.token())
                .json(Map.of(
                        "accessToken",
                        "contract-token-" + UUID.randomUUID(),
                        "projectId",
                        target().projectId(),
                        "organizationId",
                        owner.organizationId().toString()))
                .send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.body().path("id").asString();
        madeOnActivepieces.add(id);
        assertThat(created.text()).doesNotContain("contract-token-");
        assertThat(created.body().path("status").asString()).isEqualTo("ACTIVE");

        var listed = api.get("/api/integration/activepieces/connections/" + installation + "?projectId="
                        + target().projectId())
                .token(owner.token())
                .send();
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        assertThat(ids(listed.body().path("data"))).containsExactly(id);
        var recorded = api.get("/api/integration/activepieces/connection/" + installation)
                .token(owner.token())
                .send();
        assertThat(recorded.status()).as(recorded.text()).isEqualTo(200);
        assertThat(recorded.body().path("id").asString()).isEqualTo(id);

        var deleted = api.delete("/api/integration/activepieces/connection/" + installation)
                .token(owner.token())
                .send();
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
        var after = api.get("/api/integration/activepieces/connections/" + installation + "?projectId="
                        + target().projectId())
                .token(owner.token())
                .send();
        assertThat(after.body().path("data")).isEmpty();
    }

    /** Activepieces' cursor skips rows of a page's last second; our listing loses none of them. */
    @Test
    void connectionsUpsertedInOneBurstAreAllListedPageByPage() throws Exception {
        UUID installation = setup(everything());
        String marker = "burst-" + UUID.randomUUID().toString().substring(0, 8);
        var ids = new ConcurrentLinkedQueue<String>();
        String credential = bearer();
        inOneSecond(() -> {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (int i = 0; i < 24; i++) {
                String name = String.format("%s %02d", marker, i);
                pool.execute(() -> {
                    var made = activepieces
                            .post("/api/v1/app-connections")
                            .token(credential)
                            .json(Map.of(
                                    "externalId",
                                    name.replace(' ', '-'),
                                    "displayName",
                                    name,
                                    "pieceName",
                                    target().pieceName(),
                                    "projectId",
                                    target().projectId(),
                                    "type",
                                    "SECRET_TEXT",
                                    "value",
                                    Map.of("type", "SECRET_TEXT", "secret_text", "x"),
                                    "metadata",
                                    Map.of("tenantId", owner.tenantId().toString())))
                            .send();
                    assertThat(made.status()).as(made.text()).isEqualTo(201);
                    ids.add(made.body().path("id").asString());
                });
            }
            pool.shutdown();
            try {
                assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        madeOnActivepieces.addAll(ids);
        assertThat(ids).hasSize(24);

        var seen = new ArrayList<String>();
        var created = new ArrayList<Instant>();
        String cursor = null;
        do {
            var page = api.get("/api/integration/activepieces/connections/" + installation + "?projectId="
                            + target().projectId() + "&limit=2&displayName=" + marker
                            + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)))
                    .token(owner.token())
                    .send();
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.body().path("data").forEach(c -> {
                seen.add(c.path("id").asString());
                created.add(Instant.parse(c.path("created").asString()));
            });
            cursor = page.body().path("next").isNull()
                    ? null
                    : page.body().path("next").asString();
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        Map<Long, Long> perSecond =
                created.stream().collect(Collectors.groupingBy(t -> t.getEpochSecond(), Collectors.counting()));
        assertThat(perSecond.values())
                .as("the burst put several rows in one second, the case Activepieces loses")
                .anyMatch(n -> n >= 3);
    }

    @Test
    void mcpServersAreManagedAsTheUserNeverWithTheKey() {
        if (target().apiKey() != null) {
            setup(Map.of("apiKey", target().apiKey()));
            var refused = api.get("/api/integration/activepieces/mcp?projectId=" + target().projectId())
                    .token(owner.token())
                    .send();
            assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        }
        setup(user());
        if (target().generation() == 'C') {
            var unmanaged = api.get("/api/integration/activepieces/mcp?projectId=" + target().projectId())
                    .token(owner.token())
                    .send();
            assertThat(unmanaged.status()).as(unmanaged.text()).isEqualTo(422);
            assertThat(unmanaged.message()).contains("0.61 to 0.72 or 0.83");
            return;
        }
        String session = userSession();
        String before;
        String serverId;
        String base = "/api/integration/activepieces/mcp";
        if (target().generation() == 'D') {
            before = activepieces
                    .get("/api/v1/projects/" + target().projectId() + "/mcp-server")
                    .token(session)
                    .send()
                    .body()
                    .path("token")
                    .asString();
            var listed = api.get(base + "?projectId=" + target().projectId())
                    .token(owner.token())
                    .send();
            assertThat(listed.status()).as(listed.text()).isEqualTo(200);
            assertThat(listed.text()).doesNotContain(before);
            serverId = listed.body().path("data").get(0).path("id").asString();
            String field = target().mcpToolsField();
            String otherField = field.equals("disabledTools") ? "enabledTools" : "disabledTools";
            var tools = api.patch(base + "/" + serverId + "?projectId=" + target().projectId())
                    .token(owner.token())
                    .json(Map.of(field, List.of("ap_list_flows")))
                    .send();
            assertThat(tools.status()).as(tools.text()).isEqualTo(200);
            assertThat(activepieces
                            .get("/api/v1/projects/" + target().projectId() + "/mcp-server")
                            .token(session)
                            .send()
                            .body()
                            .path(field)
                            .get(0)
                            .asString())
                    .isEqualTo("ap_list_flows");
            var unread = api.patch(base + "/" + serverId + "?projectId=" + target().projectId())
                    .token(owner.token())
                    .json(Map.of(otherField, List.of()))
                    .send();
            assertThat(unread.status())
                    .as("a field this release does not read is refused: " + unread.text())
                    .isEqualTo(400);
            assertThat(unread.message()).contains(field);
            api.patch(base + "/" + serverId + "?projectId=" + target().projectId())
                    .token(owner.token())
                    .json(Map.of(field, List.of()))
                    .send();
        } else {
            var made = activepieces
                    .post("/api/v1/mcp-servers")
                    .token(session)
                    .json(Map.of("name", "Contract", "projectId", target().projectId()))
                    .send();
            serverId = made.body().path("id").asString();
            before = made.body().path("token").asString();
            var renamed = api.patch(base + "/" + serverId + "?projectId=" + target().projectId())
                    .token(owner.token())
                    .json(Map.of("name", "Contract renamed"))
                    .send();
            assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        }
        var rotated = api.post(base + "/" + serverId + "/rotate?projectId=" + target().projectId())
                .token(owner.token())
                .send();
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        assertThat(rotated.text()).doesNotContain("\"token\"");
        JsonNode after = target().generation() == 'D'
                ? activepieces
                        .get("/api/v1/projects/" + target().projectId() + "/mcp-server")
                        .token(session)
                        .send()
                        .body()
                : activepieces
                        .get("/api/v1/mcp-servers/" + serverId)
                        .token(session)
                        .send()
                        .body();
        assertThat(after.path("token").asString()).isNotBlank().isNotEqualTo(before);
    }
}
