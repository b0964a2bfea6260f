package org.gauzy.bridge.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gauzy.bridge.activepieces.ActivepiecesReads;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.sandbox.Fault;
import org.gauzy.bridge.sandbox.Seed;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.Eventually;
import org.gauzy.bridge.support.Metrics;
import org.gauzy.bridge.support.MovableClock;
import org.gauzy.bridge.support.OAuthGrants;
import org.gauzy.bridge.support.TestSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.JsonNode;

/**
 * The Flows tab's API against the sandbox: which flows it finds (by the piece, by the organization's
 * connection, by a webhook subscription's target) and which it leaves out, their health from their runs,
 * alerts raised and cleared with an event and a metric, runs paged without losing a burst, one Activepieces
 * call per flow and none from the cache, tenant and organization isolation, and Activepieces' faults.
 */
@Import({MovableClock.Config.class, FlowHealthTests.Alerts.class})
abstract class FlowHealthTests extends ApiTest {

    static final String FLOWS = "/api/integration/activepieces/flows/";
    static final String GAUZY = "@activepieces/piece-ever-gauzy";

    /** Every alert event the service publishes. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Alerts {
        @Bean
        Heard heard() {
            return new Heard();
        }
    }

    static class Heard {
        final List<AutomationFlowAlert> alerts = new CopyOnWriteArrayList<>();

        @EventListener
        void on(AutomationFlowAlert alert) {
            alerts.add(alert);
        }
    }

    @Autowired
    MovableClock clock;

    @Autowired
    Heard heard;

    @Autowired
    FlowWatch watch;

    ActivepiecesSandbox ap = TestSandbox.shared();
    Seed platform;
    Account alpha;
    UUID install;
    Api sandbox;

    @BeforeEach
    void installation() {
        platform = ap.addPlatform(null, null);
        alpha = accounts.onboard("flows");
        install = setup(alpha, platform.apiKey());
        sandbox = new Api(ap.baseUrl());
    }

    @AfterEach
    void clearFaults() {
        ap.clearFaults();
        clock.reset();
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

    String flow(String name, String triggerPiece, List<String> stepPieces, List<String> connections, boolean on) {
        var steps = new ArrayList<List<String>>();
        stepPieces.forEach(p -> steps.add(List.of(p, "act")));
        return ap.addFlow(new ActivepiecesSandbox.FlowSpec(
                platform.projectId(),
                on,
                name,
                triggerPiece,
                triggerPiece == null ? null : "new_task",
                steps,
                connections));
    }

    String ours(Account account) {
        return ActivepiecesReads.connectionExternalId(account.tenantId(), account.organizationId());
    }

    void runs(
            String flowId,
            String status,
            int count,
            Instant newest,
            long spacingMillis,
            String failedStep,
            String message) {
        var body = new HashMap<String, Object>(Map.of(
                "flowId",
                flowId,
                "status",
                status,
                "count",
                count,
                "created",
                newest.toString(),
                "spacingMillis",
                spacingMillis));
        if (failedStep != null) {
            body.put("failedStep", failedStep);
            body.put("message", message);
        }
        var made = sandbox.post("/sandbox/flow-runs").json(body).send();
        assertThat(made.status()).as(made.text()).isEqualTo(201);
    }

    /** The organization's connection, made through our API in the platform's project. */
    JsonNode connectOrganization() {
        var made = api.post("/api/integration/activepieces/connection")
                .token(alpha.token())
                .json(Map.of(
                        "accessToken",
                        "gauzy-access-token",
                        "projectId",
                        platform.projectId(),
                        "organizationId",
                        alpha.organizationId().toString()))
                .send();
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        return made.body();
    }

    /** The piece's subscribe call, for the organization, to a flow's trigger URL. */
    JsonNode subscribe(String token, String name, String flowId, List<String> events) {
        var subscribed = api.post("/api/integration/activepieces/webhooks")
                .token(token)
                .json(Map.of(
                        "name",
                        name,
                        "targetUrl",
                        ap.baseUrl() + "/api/v1/webhooks/" + flowId,
                        "events",
                        events,
                        "filter",
                        Map.of(),
                        "active",
                        true,
                        "tenantId",
                        alpha.tenantId().toString(),
                        "organizationId",
                        alpha.organizationId().toString()))
                .send();
        assertThat(subscribed.status()).as(subscribed.text()).isEqualTo(201);
        return subscribed.body();
    }

    JsonNode flows(Account account, UUID installation) {
        var answer = api.get(FLOWS + installation + "?projectId=" + platform.projectId())
                .token(account.token())
                .send();
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.body();
    }

    static JsonNode item(JsonNode view, String flowId) {
        for (JsonNode item : view.path("items")) {
            if (item.path("id").asString().equals(flowId)) {
                return item;
            }
        }
        throw new AssertionError("flow " + flowId + " not on the tab: " + view);
    }

    static List<String> ids(JsonNode view) {
        var ids = new ArrayList<String>();
        view.path("items").forEach(i -> ids.add(i.path("id").asString()));
        return ids;
    }

    @Test
    void flowsActingOnTheOrganizationAreFoundByPieceConnectionAndWebhookTarget() {
        String byPiece = flow("Tasks to Slack", GAUZY, List.of("@activepieces/piece-slack"), List.of(), true);
        String byConnection =
                flow("Nightly report", null, List.of("@activepieces/piece-http"), List.of(ours(alpha)), true);
        String byWebhook = flow("Catch tasks", "@activepieces/piece-webhook", List.of(), List.of(), true);
        String unrelated =
                flow("Slack only", "@activepieces/piece-slack", List.of("@activepieces/piece-slack"), List.of(), true);
        String othersOrganization = flow(
                "Another org's",
                GAUZY,
                List.of(),
                List.of("gauzy-tenant-" + UUID.randomUUID() + "-org-" + UUID.randomUUID()),
                true);
        subscribe(
                new OAuthGrants(api).accessToken(alpha, alpha, "gauzy:all"),
                "ActivePieces task.created Webhook",
                byWebhook,
                List.of("task.created"));

        JsonNode view = flows(alpha, install);
        assertThat(ids(view))
                .containsExactlyInAnyOrder(byPiece, byConnection, byWebhook)
                .doesNotContain(unrelated, othersOrganization);
        assertThat(item(view, byPiece).path("links").get(0).asString()).isEqualTo("PIECE");
        assertThat(item(view, byConnection).path("links").get(0).asString()).isEqualTo("CONNECTION");
        assertThat(item(view, byWebhook).path("links").get(0).asString()).isEqualTo("WEBHOOK");
        assertThat(item(view, byWebhook).path("deliveries").get(0).path("name").asString())
                .isEqualTo("ActivePieces task.created Webhook");
        assertThat(item(view, byPiece).path("trigger").asString()).isEqualTo(GAUZY + ": new_task");
        assertThat(item(view, byPiece).path("url").asString())
                .endsWith("/projects/" + platform.projectId() + "/flows/" + byPiece);
        assertThat(item(view, byPiece).path("health").asString()).isEqualTo("IDLE");
        assertThat(view.path("complete").asBoolean()).isTrue();
    }

    @Test
    void healthComesFromTheRunsAndAFailingFlowRaisesAnAlertThatClearsWhenItRecovers() {
        String failing = flow("Sync tasks", GAUZY, List.of(GAUZY), List.of(ours(alpha)), true);
        String healthy = flow("Report", GAUZY, List.of(), List.of(), true);
        Instant now = Instant.now();
        runs(failing, "SUCCEEDED", 5, now.minus(Duration.ofHours(2)), 60_000, null, null);
        runs(failing, "FAILED", 3, now.minusSeconds(5), 1000, "update_task", "Request failed with status code 401");
        runs(healthy, "SUCCEEDED", 3, now.minusSeconds(30), 1000, null, null);
        runs(healthy, "FAILED", 1, now.minus(Duration.ofHours(30)), 0, "send", "timeout");
        runs(healthy, "SUCCEEDED", 1, now.minus(Duration.ofDays(8)), 0, null, null);
        int before = heard.alerts.size();

        JsonNode view = flows(alpha, install);
        JsonNode bad = item(view, failing);
        assertThat(bad.path("health").asString()).isEqualTo("FAILING");
        assertThat(bad.path("alert").asString())
                .contains("last 3 runs failed")
                .contains("update_task")
                .contains("status code 401");
        assertThat(bad.path("runs").path("failingStreak").asInt()).isEqualTo(3);
        assertThat(bad.path("runs").path("lastRuns")).hasSize(8);
        assertThat(bad.path("runs")
                        .path("lastRuns")
                        .get(0)
                        .path("failedStep")
                        .path("message")
                        .asString())
                .contains("401");
        assertThat(bad.path("runs").path("successRate24h").asDouble()).isEqualTo(5.0 / 8);
        JsonNode good = item(view, healthy);
        assertThat(good.path("health").asString()).isEqualTo("OK");
        assertThat(good.path("runs").path("runs24h").asInt()).isEqualTo(3);
        assertThat(good.path("runs").path("successRate24h").asDouble()).isEqualTo(1.0);
        assertThat(good.path("runs").path("runs7d").asInt())
                .as("the run of 8 days ago is out")
                .isEqualTo(4);
        assertThat(good.path("runs").path("successRate7d").asDouble()).isEqualTo(0.75);
        assertThat(ids(view).get(0)).as("failing flows first").isEqualTo(failing);
        assertThat(view.path("alerts")).hasSize(1);
        assertThat(view.path("alerts").get(0).path("flowId").asString()).isEqualTo(failing);
        assertThat(heard.alerts.subList(before, heard.alerts.size()))
                .singleElement()
                .satisfies(alert -> {
                    assertThat(alert.raised()).isTrue();
                    assertThat(alert.flowId()).isEqualTo(failing);
                    assertThat(alert.reason()).isEqualTo("FAILING");
                    assertThat(alert.organizationId()).isEqualTo(alpha.organizationId());
                });
        assertThat(metric()).isGreaterThanOrEqualTo(1);
        double open = metric();

        flows(alpha, install);
        assertThat(heard.alerts).as("served from the cache: nothing new told").hasSize(before + 1);
        clock.advance(Duration.ofSeconds(31));
        assertThat(flows(alpha, install).path("alerts"))
                .as("still failing: still one alert")
                .hasSize(1);
        assertThat(heard.alerts).as("an open alert is told once").hasSize(before + 1);

        runs(failing, "SUCCEEDED", 1, Instant.now(), 0, null, null);
        clock.advance(Duration.ofSeconds(31));
        JsonNode recovered = flows(alpha, install);
        assertThat(item(recovered, failing).path("health").asString()).isEqualTo("OK");
        assertThat(recovered.path("alerts")).isEmpty();
        assertThat(heard.alerts.get(heard.alerts.size() - 1).raised()).isFalse();
        assertThat(heard.alerts).hasSize(before + 2);
        assertThat(metric()).isEqualTo(open - 1);
    }

    @Test
    void aWebhookSubscriptionCanBeToldOfAlerts() {
        String catcher = flow("Alert catcher", "@activepieces/piece-webhook", List.of(), List.of(), true);
        String token = new OAuthGrants(api).accessToken(alpha, alpha, "gauzy:all");
        JsonNode subscribed =
                subscribe(token, "Alerts", catcher, List.of("automation.flow.failing", "automation.flow.recovered"));
        String failing = flow("Sync", GAUZY, List.of(), List.of(), true);
        runs(failing, "FAILED", 3, Instant.now().minusSeconds(10), 1000, "step_1", "boom");

        flows(alpha, install);
        var received = Eventually.await(
                () -> ap.webhookDeliveries(catcher).isEmpty() ? null : ap.webhookDeliveries(catcher),
                "the alert's delivery");
        JsonNode body = api.json().readTree(received.get(0).body());
        assertThat(body.path("event").asString()).isEqualTo("automation.flow.failing");
        assertThat(body.path("data").path("flowId").asString()).isEqualTo(failing);
        assertThat(body.path("data").path("message").asString()).contains("boom");
    }

    @Test
    void theWatchRaisesTheAlertWithoutAnyoneLooking() {
        JsonNode made = connectOrganization();
        String failing = flow("Nightly sync", GAUZY, List.of(), List.of(ours(alpha)), true);
        runs(failing, "FAILED", 4, Instant.now().minusSeconds(10), 1000, "step_1", "boom");

        assertThat(watch.checkDue()).as("this installation and any other due").isPositive();
        assertThat(heard.alerts)
                .filteredOn(a -> a.flowId().equals(failing))
                .singleElement()
                .satisfies(a -> assertThat(a.raised()).isTrue());
        var open = api.get(FLOWS + install).token(alpha.token()).send();
        assertThat(open.status())
                .as("the connection's project, by default: " + open.text())
                .isEqualTo(200);
        assertThat(open.body().path("alerts").toString()).contains(failing);

        ap.clearRequests();
        watch.checkDue();
        assertThat(ap.requests())
                .as("not due again before its time, on any node")
                .isEmpty();
        clock.advance(Duration.ofMinutes(6));
        watch.checkDue();
        assertThat(ap.requests()).as("due again").isNotEmpty();
        assertThat(heard.alerts)
                .as("still failing: told once")
                .filteredOn(a -> a.flowId().equals(failing))
                .hasSize(1);
    }

    @Test
    void theDeliveryLogSaysWhichFlowEachDeliveryStartedAndHowItsRunEnded() {
        JsonNode made = connectOrganization();
        String flow = flow("Tasks", GAUZY, List.of(GAUZY), List.of(ours(alpha)), true);
        sandbox.post("/sandbox/flows/" + flow)
                .json(Map.of("runStatus", "FAILED", "failedStep", "step_1", "message", "boom"))
                .send();
        String token = new OAuthGrants(api).accessToken(alpha, alpha, "gauzy:all");
        JsonNode subscribed = subscribe(token, "Tasks hook", flow, List.of("task.created"));
        api.post("/api/tasks").token(alpha.token()).json(Map.of("title", "One")).send();
        String log = "/api/integration/activepieces/webhooks/"
                + subscribed.path("id").asString() + "/deliveries";
        JsonNode delivery = Eventually.await(
                () -> {
                    JsonNode first = api.get(log)
                            .token(token)
                            .send()
                            .body()
                            .path("items")
                            .path(0);
                    return first.path("run").isObject() ? first : null;
                },
                "the delivery's run in the log");
        assertThat(delivery.path("flowId").asString()).isEqualTo(flow);
        assertThat(delivery.path("run").path("status").asString()).isEqualTo("FAILED");
        assertThat(delivery.path("run").path("url").asString())
                .contains("/projects/" + platform.projectId() + "/runs/");
        JsonNode run = api.get(FLOWS + install + "/" + flow + "/runs?projectId=" + platform.projectId())
                .token(alpha.token())
                .send()
                .body()
                .path("items")
                .get(0);
        assertThat(delivery.path("run").path("id").asString())
                .isEqualTo(run.path("id").asString());
    }

    @Test
    void theAlertOfAFlowDeletedInActivepiecesIsCleared() {
        String failing = flow("Doomed", GAUZY, List.of(), List.of(), true);
        runs(failing, "FAILED", 3, Instant.now().minusSeconds(10), 1000, "step_1", "boom");
        assertThat(flows(alpha, install).path("alerts")).hasSize(1);

        ap.deleteFlow(failing);
        clock.advance(Duration.ofSeconds(31));
        JsonNode after = flows(alpha, install);
        assertThat(after.path("complete").asBoolean()).isTrue();
        assertThat(after.path("alerts")).isEmpty();
        assertThat(heard.alerts)
                .filteredOn(a -> a.flowId().equals(failing))
                .extracting(AutomationFlowAlert::raised)
                .containsExactly(true, false);
    }

    @Test
    void aFlowWhoseSubscriptionWasDisabledIsNotReceiving() {
        String target = flow("Catch tasks", "@activepieces/piece-webhook", List.of(), List.of(), true);
        String token = new OAuthGrants(api).accessToken(alpha, alpha, "gauzy:all");
        JsonNode subscribed = subscribe(token, "Tasks hook", target, List.of("task.created"));
        var disabled = api.put("/api/integration/activepieces/webhooks/"
                        + subscribed.path("id").asString())
                .token(token)
                .json(Map.of("active", false))
                .send();
        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);

        JsonNode flow = item(flows(alpha, install), target);
        assertThat(flow.path("health").asString()).isEqualTo("NOT_RECEIVING");
        assertThat(flow.path("alert").asString()).contains("Tasks hook").contains("disabled");
    }

    @Test
    void aFlowOnTheOrganizationsConnectionInErrorIsInAlertThoughNoRunFailed() {
        JsonNode made = connectOrganization();
        String flow = flow("Sync", GAUZY, List.of(GAUZY), List.of(ours(alpha)), true);
        runs(flow, "SUCCEEDED", 2, Instant.now().minusSeconds(60), 1000, null, null);
        assertThat(item(flows(alpha, install), flow).path("health").asString()).isEqualTo("OK");

        // What Activepieces does when the connection's refresh is refused (a grant revoked in Gauzy).
        sandbox.post("/sandbox/app-connections/" + made.path("id").asString())
                .json(Map.of("status", "ERROR"))
                .send();
        clock.advance(Duration.ofSeconds(31));
        JsonNode dead = item(flows(alpha, install), flow);
        assertThat(dead.path("health").asString()).isEqualTo("CONNECTION_ERROR");
        assertThat(dead.path("alert").asString()).contains("connection is in ERROR");
    }

    @Test
    void aFlowThatTakesDeliveriesButStartsNoRunIsNotRunning() {
        var broken = sandbox.post("/api/v1/app-connections")
                .token(platform.apiKey())
                .json(Map.of(
                        "externalId",
                        "slack-broken",
                        "displayName",
                        "Slack",
                        "pieceName",
                        "@activepieces/piece-slack",
                        "projectId",
                        platform.projectId(),
                        "type",
                        "SECRET_TEXT",
                        "value",
                        Map.of("type", "SECRET_TEXT", "secret_text", "x")))
                .send();
        assertThat(broken.status()).as(broken.text()).isEqualTo(201);
        sandbox.post("/sandbox/app-connections/" + broken.body().path("id").asString())
                .json(Map.of("status", "ERROR"))
                .send();
        String flow =
                flow("Tasks to Slack", GAUZY, List.of("@activepieces/piece-slack"), List.of("slack-broken"), true);
        String token = new OAuthGrants(api).accessToken(alpha, alpha, "gauzy:all");
        JsonNode subscribed = subscribe(token, "Tasks hook", flow, List.of("task.created"));
        api.post("/api/tasks")
                .token(alpha.token())
                .json(Map.of("title", "Delivered"))
                .send();
        String deliveries = "/api/integration/activepieces/webhooks/"
                + subscribed.path("id").asString() + "/deliveries";
        Eventually.await(
                () -> api.get(deliveries).token(token).send().text().contains("DELIVERED") ? true : null,
                "the delivery to get through");
        assertThat(item(flows(alpha, install), flow).path("health").asString())
                .as("a run may still come")
                .isEqualTo("IDLE");

        clock.advance(Duration.ofMinutes(3));
        JsonNode stuck = item(flows(alpha, install), flow);
        assertThat(stuck.path("health").asString()).isEqualTo("NOT_RUNNING");
        assertThat(stuck.path("alert").asString()).contains("started no run");
    }

    @Test
    void runsArePagedNewestFirstWithoutLosingABurstOfOneMillisecond() {
        String busy = flow("Busy", GAUZY, List.of(), List.of(), true);
        Instant start = Instant.parse("2026-12-01T10:00:00.000500Z");
        var made = new HashSet<String>();
        for (int burst = 0; burst < 5; burst++) {
            for (int i = 0; i < 5; i++) {
                sandbox.post("/sandbox/flow-runs")
                        .json(Map.of(
                                "flowId",
                                busy,
                                "status",
                                i == 0 ? "FAILED" : "SUCCEEDED",
                                "created",
                                start.plusMillis(7L * burst)
                                        .plusNanos(1000L * i)
                                        .toString(),
                                "spacingMillis",
                                0))
                        .send()
                        .body()
                        .path("ids")
                        .forEach(id -> made.add(id.asString()));
            }
        }
        var seen = new ArrayList<String>();
        var created = new ArrayList<Instant>();
        String cursor = null;
        for (int pages = 0; pages < 50; pages++) {
            var page = api.get(FLOWS + install + "/" + busy + "/runs?projectId=" + platform.projectId() + "&limit=3"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .token(alpha.token())
                    .send();
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.body().path("items").forEach(run -> {
                seen.add(run.path("id").asString());
                created.add(Instant.parse(run.path("created").asString()));
            });
            cursor = page.body().path("next").isString()
                    ? page.body().path("next").asString()
                    : null;
            if (cursor == null) {
                break;
            }
        }
        assertThat(seen).as("every run once").hasSize(25).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(made);
        assertThat(created).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());

        var failed = api.get(FLOWS + install + "/" + busy + "/runs?projectId=" + platform.projectId()
                        + "&status=FAILED&limit=100")
                .token(alpha.token())
                .send();
        assertThat(failed.body().path("items")).hasSize(5);
        var bad = api.get(FLOWS + install + "/" + busy + "/runs?projectId=" + platform.projectId() + "&cursor=abc")
                .token(alpha.token())
                .send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.message()).contains("cursor");
    }

    @Test
    void oneActivepiecesCallPerFlowShownAndNoneFromTheCache() {
        for (int i = 0; i < 4; i++) {
            flow("Flow " + i, GAUZY, List.of(), List.of(), true);
        }
        flow("Unrelated", "@activepieces/piece-slack", List.of(), List.of(), true);
        ap.clearRequests();
        JsonNode view = flows(alpha, install);
        assertThat(view.path("total").asInt()).isEqualTo(4);
        long runCalls = ap.requests().stream()
                .filter(r -> r.path().equals("/api/v1/flow-runs"))
                .count();
        assertThat(runCalls).as("one call per flow shown").isEqualTo(4);
        ap.clearRequests();
        flows(alpha, install);
        assertThat(ap.requests()).as("a warm cache asks Activepieces nothing").isEmpty();
    }

    @Test
    void onlyTheCallersFlowsAreShown() {
        String mine = flow("Mine", GAUZY, List.of(), List.of(ours(alpha)), true);
        Account beta = accounts.onboard("flows-beta");
        Seed betaPlatform = ap.addPlatform(null, null);
        UUID betaInstall = setup(beta, betaPlatform.apiKey());

        var foreign = api.get(FLOWS + install + "?projectId=" + platform.projectId())
                .token(beta.token())
                .send();
        assertThat(foreign.status()).as("another tenant's installation").isEqualTo(404);
        var wrongProject = api.get(FLOWS + betaInstall + "?projectId=" + platform.projectId())
                .token(beta.token())
                .send();
        assertThat(wrongProject.status()).as(wrongProject.text()).isIn(403, 404);
        var runs = api.get(FLOWS + betaInstall + "/" + mine + "/runs?projectId=" + betaPlatform.projectId())
                .token(beta.token())
                .send();
        assertThat(runs.status()).as(runs.text()).isEqualTo(404);

        String unrelated = flow("Slack", "@activepieces/piece-slack", List.of(), List.of(), true);
        var notOurs = api.get(FLOWS + install + "/" + unrelated + "/runs?projectId=" + platform.projectId())
                .token(alpha.token())
                .send();
        assertThat(notOurs.status())
                .as("a flow that does not concern the organization")
                .isEqualTo(404);
        assertThat(api.get(FLOWS + install + "/not-an-id/runs")
                        .token(alpha.token())
                        .send()
                        .status())
                .isEqualTo(400);

        Account viewer = accounts.addUser(alpha, "VIEWER");
        assertThat(api.get(FLOWS + install + "?projectId=" + platform.projectId())
                        .token(viewer.token())
                        .send()
                        .status())
                .as("without INTEGRATION_VIEW")
                .isEqualTo(403);
    }

    @Test
    void activepiecesFaultsAreAnsweredAsElsewhere() {
        flow("Any", GAUZY, List.of(), List.of(), true);
        ap.injectFault(Fault.status("/api/v1/flows", 503, 10));
        var answer = api.get(FLOWS + install + "?projectId=" + platform.projectId())
                .token(alpha.token())
                .send();
        assertThat(answer.status()).as(answer.text()).isEqualTo(502);
        assertThat(answer.body().path("statusCode").asInt()).isEqualTo(502);
        assertThat(answer.message()).contains("Activepieces answered 503");
    }

    double metric() {
        return Metrics.value(api, "gauzy_automation_failing_flows");
    }
}
