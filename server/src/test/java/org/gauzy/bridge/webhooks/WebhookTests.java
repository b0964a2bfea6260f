package org.gauzy.bridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gauzy.bridge.support.Eventually.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gauzy.bridge.platform.TimeOrderedIds;
import org.gauzy.bridge.sandbox.ActivepiecesSandbox;
import org.gauzy.bridge.sandbox.Fault;
import org.gauzy.bridge.sandbox.WebhookDelivery;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.Metrics;
import org.gauzy.bridge.support.MovableClock;
import org.gauzy.bridge.support.OAuthGrants;
import org.gauzy.bridge.support.TestSandbox;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The piece's triggers end to end: it subscribes and unsubscribes exactly as it does, and changes in
 * Gauzy reach the Activepieces sandbox's webhook receiver signed (Standard Webhooks), in the shape the
 * trigger hands to the flow; through failures, retries, Retry-After, 410, dead letters and replays.
 */
@Import(MovableClock.Config.class)
abstract class WebhookTests extends ApiTest {

    static final String WEBHOOKS = "/api/integration/activepieces/webhooks";
    /** A private sandbox: these tests inject faults into its receiver. */
    static final String SANDBOX = "webhooks";

    /** Series an operator's scraper reads at {@code /actuator/prometheus}. */
    private static final String RETRYING = "gauzy_webhooks_attempts_total{outcome=\"retrying\"}";

    private static final String DELIVERED = "gauzy_webhooks_attempts_total{outcome=\"delivered\"}";
    private static final String DEAD = "gauzy_webhooks_attempts_total{outcome=\"dead\"}";
    private static final String LAGS = "gauzy_webhooks_delivery_lag_seconds_count";
    private static final String QUICK = "gauzy_webhooks_delivery_lag_seconds_bucket{le=\"0.25\"}";
    private static final String DISABLED_GONE = "gauzy_webhooks_subscriptions_disabled_total{reason=\"gone\"}";
    private static final String DISABLED_FAILING = "gauzy_webhooks_subscriptions_disabled_total{reason=\"failing\"}";

    @Autowired
    MovableClock clock;

    ActivepiecesSandbox activepieces;
    Account owner;
    String token;

    @BeforeEach
    void connect() {
        activepieces = TestSandbox.named(SANDBOX);
        owner = accounts.onboard("hooks");
        token = new OAuthGrants(api).accessToken(owner, owner, "gauzy:all");
    }

    @AfterEach
    void clearFaults() {
        activepieces.clearFaults();
        clock.reset();
    }

    String flowUrl(String flowId) {
        return activepieces.baseUrl() + "/api/v1/webhooks/" + flowId;
    }

    /** The piece's subscribe call (gauzyWebhookCommon.create). */
    Api.Response subscribe(String tokenOf, Account account, String flowId, String event, Map<String, Object> filter) {
        var body = new HashMap<String, Object>();
        body.put("name", "ActivePieces " + event + " Webhook");
        body.put("targetUrl", flowUrl(flowId));
        body.put("tenantId", account.tenantId().toString());
        body.put("organizationId", account.organizationId().toString());
        body.put("events", List.of(event));
        body.put("filter", filter);
        body.put("active", true);
        return api.post(WEBHOOKS).token(tokenOf).json(body).send();
    }

    Api.Response createTask(Account account, Map<String, Object> extra) {
        var body = new HashMap<String, Object>(Map.of(
                "title",
                "Task " + UUID.randomUUID().toString().substring(0, 6),
                "organizationId",
                account.organizationId().toString(),
                "tenantId",
                account.tenantId().toString()));
        body.putAll(extra);
        var created = api.post("/api/tasks").token(account.token()).json(body).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created;
    }

    List<WebhookDelivery> awaitDeliveries(String flowId, int count) {
        return await(
                () -> {
                    var received = activepieces.webhookDeliveries(flowId);
                    return received.size() >= count ? received : null;
                },
                "deliveries to flow " + flowId);
    }

    JsonNode deliveryLog(String subscription) {
        return api.get(WEBHOOKS + "/" + subscription + "/deliveries")
                .token(owner.token())
                .send()
                .body();
    }

    /** Verifies a delivery as a Standard Webhooks receiver does, and answers its body. */
    JsonNode verified(WebhookDelivery delivery, String secret) throws Exception {
        String id = delivery.header("webhook-id");
        String timestamp = delivery.header("webhook-timestamp");
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)))
                .isLessThan(60);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1,"
                + Base64.getEncoder()
                        .encodeToString(mac.doFinal(
                                (id + "." + timestamp + "." + delivery.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(delivery.header("webhook-signature")).isEqualTo(expected);
        assertThat(delivery.header("content-type")).startsWith("application/json");
        JsonNode body = api.json().readTree(delivery.body());
        assertThat(body.path("id").asString()).isEqualTo(id);
        return body;
    }

    @Test
    void thePiecesTriggersReceiveSignedEventsAndStopWhenUnsubscribed() throws Exception {
        String flow = activepieces.addFlow(true);
        var subscribed = subscribe(
                token,
                owner,
                flow,
                "task.created",
                Map.of(
                        "organizationId",
                        owner.organizationId().toString(),
                        "tenantId",
                        owner.tenantId().toString()));
        assertThat(subscribed.status()).as(subscribed.text()).isEqualTo(201);
        assertThat(subscribed.header("Cache-Control")).contains("no-store");
        String id = subscribed.body().path("id").asString();
        String secret = subscribed.body().path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(api.get(WEBHOOKS + "/" + id).token(token).send().text()).doesNotContain(secret);

        var task = createTask(owner, Map.of("title", "Ship the release")).body();
        var received = awaitDeliveries(flow, 1);
        JsonNode body = verified(received.get(0), secret);
        assertThat(body.path("event").asString()).isEqualTo("task.created");
        assertThat(body.path("tenantId").asString()).isEqualTo(owner.tenantId().toString());
        assertThat(body.path("organizationId").asString())
                .isEqualTo(owner.organizationId().toString());
        assertThat(body.path("timestamp").asString()).isNotBlank();
        assertThat(body.path("data").path("id").asString())
                .isEqualTo(task.path("id").asString());
        assertThat(body.path("data").path("title").asString()).isEqualTo("Ship the release");

        assertThat(api.get(WEBHOOKS).token(token).send().body().path("total").asInt())
                .isEqualTo(1);
        assertThat(api.delete(WEBHOOKS + "/" + id).token(token).send().status()).isEqualTo(204);
        assertThat(api.delete(WEBHOOKS + "/" + id).token(token).send().status()).isEqualTo(404);
        // A subscription that stays is the barrier: once it has the next event, that event's fan-out is over,
        // and the deleted one would have had it by then.
        String control = activepieces.addFlow(true);
        subscribe(token, owner, control, "task.created", Map.of());
        createTask(owner, Map.of("title", "After the deletion"));
        assertThat(titlesOf(awaitDeliveries(control, 1))).containsExactly("After the deletion");
        assertThat(activepieces.webhookDeliveries(flow)).hasSize(1);
    }

    @Test
    void employeeAndTimeLogEventsReachTheirTriggers() throws Exception {
        String employees = activepieces.addFlow(true);
        String timeLogs = activepieces.addFlow(true);
        String employeeSecret = subscribe(token, owner, employees, "employee.created", Map.of())
                .body()
                .path("secret")
                .asString();
        String email = Accounts.uniqueEmail("ada");
        var employee = api.post("/api/employee")
                .token(owner.token())
                .json(Map.of(
                        "user",
                        Map.of("email", email, "firstName", "Ada", "lastName", "Lovelace"),
                        "organizationId",
                        owner.organizationId().toString(),
                        "password",
                        Accounts.PASSWORD))
                .send()
                .body();
        JsonNode created = verified(awaitDeliveries(employees, 1).get(0), employeeSecret);
        assertThat(created.path("event").asString()).isEqualTo("employee.created");
        assertThat(created.path("data").path("user").path("email").asString()).isEqualTo(email);

        String employeeId = employee.path("id").asString();
        String timeSecret = subscribe(
                        token,
                        owner,
                        timeLogs,
                        "timesheet.time-log.created",
                        Map.of(
                                "organizationId",
                                owner.organizationId().toString(),
                                "tenantId",
                                owner.tenantId().toString(),
                                "employeeId",
                                employeeId))
                .body()
                .path("secret")
                .asString();
        var ada = accounts.login(email, Accounts.PASSWORD);
        var started = api.post("/api/timesheet/timer/start")
                .token(ada.token())
                .json(Map.of("logType", "TRACKED", "source", "BROWSER", "isBillable", true))
                .send();
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        JsonNode log = verified(awaitDeliveries(timeLogs, 1).get(0), timeSecret);
        assertThat(log.path("event").asString()).isEqualTo("timesheet.time-log.created");
        assertThat(log.path("data").path("employeeId").asString()).isEqualTo(employeeId);
    }

    @Test
    void filtersChooseWhichEventsArrive() {
        String website = api.post("/api/organization-project")
                .token(owner.token())
                .json(Map.of("name", "Website"))
                .send()
                .body()
                .path("id")
                .asString();
        String mobile = api.post("/api/organization-project")
                .token(owner.token())
                .json(Map.of("name", "Mobile"))
                .send()
                .body()
                .path("id")
                .asString();
        String byProject = activepieces.addFlow(true);
        String byStatus = activepieces.addFlow(true);
        subscribe(token, owner, byProject, "task.created", Map.of("projectId", website, "status", ""));
        subscribe(token, owner, byStatus, "task.created", Map.of("status", "In Progress"));
        createTask(owner, Map.of("projectId", mobile, "title", "mobile open"));
        createTask(owner, Map.of("projectId", website, "title", "website open", "status", "Open"));
        createTask(owner, Map.of("projectId", mobile, "title", "mobile in progress", "status", "In Progress"));
        assertThat(awaitDeliveries(byProject, 1))
                .extracting(d ->
                        api.json().readTree(d.body()).path("data").path("title").asString())
                .containsExactly("website open");
        assertThat(awaitDeliveries(byStatus, 1))
                .extracting(d ->
                        api.json().readTree(d.body()).path("data").path("title").asString())
                .containsExactly("mobile in progress");
    }

    @Test
    void aSubscriptionsDeliveriesArriveInEventOrderExceptOneWaitingForARetry() {
        String flow = activepieces.addFlow(true);
        subscribe(token, owner, flow, "task.created", Map.of());
        List<String> titles = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            titles.add("In order " + i);
            createTask(owner, Map.of("title", titles.get(titles.size() - 1)));
        }
        assertThat(titlesOf(awaitDeliveries(flow, 30))).containsExactlyElementsOf(titles);

        // A slow target: new events join the run in progress, still in order.
        String slow = activepieces.addFlow(true);
        subscribe(token, owner, slow, "task.created", Map.of());
        activepieces.injectFault(Fault.latency("/api/v1/webhooks/" + slow, Duration.ofMillis(80)));
        titles.clear();
        for (int i = 1; i <= 15; i++) {
            titles.add("Slow " + i);
            createTask(owner, Map.of("title", titles.get(titles.size() - 1)));
        }
        assertThat(titlesOf(awaitDeliveries(slow, 15))).containsExactlyElementsOf(titles);
        // ...and the run lets the subscription go when it ends: the next event is not held back.
        activepieces.clearFaults();
        createTask(owner, Map.of("title", "After the run"));
        assertThat(titlesOf(awaitDeliveries(slow, 16))).last().isEqualTo("After the run");

        String retried = activepieces.addFlow(true);
        subscribe(token, owner, retried, "task.created", Map.of());
        activepieces.injectFault(Fault.status("/api/v1/webhooks/" + retried, 500, 1));
        titles.clear();
        for (int i = 1; i <= 10; i++) {
            titles.add("Retried " + i);
            createTask(owner, Map.of("title", titles.get(titles.size() - 1)));
        }
        var arrived = titlesOf(awaitDeliveries(retried, 10));
        assertThat(arrived).as("every event once").containsExactlyInAnyOrderElementsOf(titles);
        assertThat(arrived.stream().filter(t -> !t.equals("Retried 1")).toList())
                .as("the rest in order")
                .containsExactlyElementsOf(titles.subList(1, titles.size()));
    }

    @Test
    void aRunLetsItsSubscriptionGoOnceNothingIsDue(@Autowired JdbcClient jdbc) {
        String flow = activepieces.addFlow(true);
        UUID id = UUID.fromString(subscribe(token, owner, flow, "task.created", Map.of())
                .body()
                .path("id")
                .asString());
        createTask(owner, Map.of("title", "First"));
        awaitDeliveries(flow, 1);
        await(() -> leaseOf(jdbc, id) == null ? true : null, "the run to let its subscription go");
        // Let go, it is leased afresh for the next change.
        createTask(owner, Map.of("title", "Second"));
        assertThat(titlesOf(awaitDeliveries(flow, 2))).containsExactly("First", "Second");
        await(() -> leaseOf(jdbc, id) == null ? true : null, "let go again");
    }

    /**
     * A subscription another node holds is sent by that node alone, so this one leaves its deliveries be; once
     * that node's lease runs out (it stopped), this node takes the subscription and sends them, in order.
     */
    @Test
    void aSubscriptionAnotherNodeHoldsIsLeftToItUntilItsLeaseRunsOut(
            @Autowired JdbcClient jdbc, @Autowired WebhookSettings settings) {
        String flow = activepieces.addFlow(true);
        UUID id = UUID.fromString(subscribe(token, owner, flow, "task.created", Map.of())
                .body()
                .path("id")
                .asString());
        UUID otherNode = UUID.randomUUID();
        jdbc.sql("update webhook_subscription set lease_until = :until, lease_owner = :node where id = :id")
                .param("until", OffsetDateTime.now(clock).plus(settings.lease()))
                .param("node", otherNode)
                .param("id", id)
                .update();
        List<String> titles = List.of("Held 1", "Held 2", "Held 3");
        titles.forEach(title -> createTask(owner, Map.of("title", title)));
        await(() -> pending(jdbc, id) == titles.size() ? true : null, "the deliveries written for the holder");
        assertThat(jdbc.sql("select lease_owner from webhook_subscription where id = :id")
                        .param("id", id)
                        .query(UUID.class)
                        .single())
                .as("still the other node's")
                .isEqualTo(otherNode);
        assertThat(activepieces.webhookDeliveries(flow))
                .as("sent only by the holder")
                .isEmpty();

        clock.advance(settings.lease().plusSeconds(1));
        assertThat(titlesOf(awaitDeliveries(flow, titles.size()))).containsExactlyElementsOf(titles);
    }

    @Test
    void aChangedSubscriptionTakesEffectAtOnceWhileItsRunGoesOn() {
        String before = activepieces.addFlow(true);
        String after = activepieces.addFlow(true);
        String id = subscribe(token, owner, before, "task.created", Map.of())
                .body()
                .path("id")
                .asString();
        // A slow target keeps the run going while the subscription is changed.
        activepieces.injectFault(Fault.latency("/api/v1/webhooks/" + before, Duration.ofMillis(100)));
        List<String> titles = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            titles.add("Task " + i);
            createTask(owner, Map.of("title", titles.get(titles.size() - 1)));
        }
        awaitDeliveries(before, 1);
        var moved = api.put(WEBHOOKS + "/" + id)
                .token(token)
                .json(Map.of("targetUrl", flowUrl(after)))
                .send();
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        titles.add("After");
        createTask(owner, Map.of("title", "After"));
        await(
                () -> activepieces.webhookDeliveries(before).size()
                                        + activepieces.webhookDeliveries(after).size()
                                >= titles.size()
                        ? true
                        : null,
                "every event at one target or the other");
        var atBefore = titlesOf(activepieces.webhookDeliveries(before));
        var atAfter = titlesOf(activepieces.webhookDeliveries(after));
        assertThat(atAfter).as("the new target has the rest").contains("After").isNotEmpty();
        var all = new ArrayList<>(atBefore);
        all.addAll(atAfter);
        assertThat(all).as("each once, in order, across the change").containsExactlyElementsOf(titles);
    }

    private static @Nullable OffsetDateTime leaseOf(JdbcClient jdbc, UUID subscription) {
        return jdbc.sql("select lease_until from webhook_subscription where id = :id")
                .param("id", subscription)
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class))
                .list()
                .get(0);
    }

    private static long pending(JdbcClient jdbc, UUID subscription) {
        return jdbc.sql("select count(*) from webhook_delivery where subscription_id = :id and status = 'PENDING'"
                        + " and attempts = 0")
                .param("id", subscription)
                .query(Long.class)
                .single();
    }

    /**
     * An event that a node of the previous version claimed, sent to one subscription and wrote, then left
     * undispatched when it stopped: it is fanned out again, to the other subscription only; the delivery
     * written then stays as it was.
     */
    @Test
    void anEventAnEarlierVersionLeftPartlyWrittenGoesOnlyToTheSubscriptionsItHadNotWritten(@Autowired JdbcClient jdbc) {
        String written = activepieces.addFlow(true);
        String unwritten = activepieces.addFlow(true);
        UUID writtenId = UUID.fromString(subscribe(token, owner, written, "task.created", Map.of())
                .body()
                .path("id")
                .asString());
        subscribe(token, owner, unwritten, "task.created", Map.of());
        UUID event = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.sql("""
                insert into webhook_event (id, seq, tenant_id, organization_id, event, payload, occurred_at, dispatched)
                values (:id, nextval('webhook_event_seq'), :tenant, :organization, 'task.created', :payload, :now,
                    false)""")
                .param("id", event)
                .param("tenant", owner.tenantId())
                .param("organization", owner.organizationId())
                .param("payload", "{\"id\":\"" + UUID.randomUUID() + "\",\"title\":\"Left by a node\"}")
                .param("now", now)
                .update();
        jdbc.sql("""
                insert into webhook_delivery (id, subscription_id, event_id, event, position, status, attempts,
                    next_attempt_at, created_at, delivered_at, last_status)
                values (:id, :subscription, :event, 'task.created', 0, 'DELIVERED', 1, :now, :now, :now, 204)""")
                .param("id", TimeOrderedIds.derived(event, writtenId))
                .param("subscription", writtenId)
                .param("event", event)
                .param("now", now)
                .update();

        assertThat(titlesOf(awaitDeliveries(unwritten, 1))).containsExactly("Left by a node");
        await(
                () -> jdbc.sql("select dispatched from webhook_event where id = :id")
                                .param("id", event)
                                .query(Boolean.class)
                                .single()
                        ? true
                        : null,
                "the event to be dispatched");
        assertThat(activepieces.webhookDeliveries(written))
                .as("not sent again where it was written")
                .isEmpty();
        assertThat(jdbc.sql("select status from webhook_delivery where event_id = :id and subscription_id = :s")
                        .param("id", event)
                        .param("s", writtenId)
                        .query(String.class)
                        .single())
                .isEqualTo("DELIVERED");
    }

    /** An event committed by a node that stopped before it fanned it out: a poll on another node finds it. */
    @Test
    void anEventNoNodeFannedOutIsFoundByThePoll(@Autowired JdbcClient jdbc) {
        String flow = activepieces.addFlow(true);
        subscribe(token, owner, flow, "task.created", Map.of());
        jdbc.sql("""
                insert into webhook_event (id, seq, tenant_id, organization_id, event, payload, occurred_at, dispatched)
                values (:id, nextval('webhook_event_seq'), :tenant, :organization, 'task.created', :payload, :now,
                    false)""")
                .param("id", UUID.randomUUID())
                .param("tenant", owner.tenantId())
                .param("organization", owner.organizationId())
                .param("payload", "{\"id\":\"" + UUID.randomUUID() + "\",\"title\":\"Left by a node\"}")
                .param("now", OffsetDateTime.now())
                .update();
        assertThat(titlesOf(awaitDeliveries(flow, 1))).containsExactly("Left by a node");
    }

    /**
     * A node leases only what no node holds, and renews and lets go only what it holds: never a lease that ran
     * out and another node took. A lease that ran out may be taken again.
     */
    @Test
    void aNodeLeasesRenewsAndLetsGoOnlyWhatItHolds(
            @Autowired SubscriptionRepository subscriptions, @Autowired JdbcClient jdbc) {
        UUID mine = subscriptionId();
        UUID theirs = subscriptionId();
        OffsetDateTime now = OffsetDateTime.now(clock);
        assertThat(subscriptions.leasable(List.of(theirs, mine), now)).containsExactly(theirs, mine);
        subscriptions.lease(List.of(mine), now.plusMinutes(2));
        // Another node holds the other one (this node's lease on it ran out and was taken).
        jdbc.sql("update webhook_subscription set lease_until = :until, lease_owner = :node where id = :id")
                .param("until", now.plusMinutes(2))
                .param("node", UUID.randomUUID())
                .param("id", theirs)
                .update();
        assertThat(subscriptions.leasable(List.of(theirs, mine), now))
                .as("both held")
                .isEmpty();
        assertThat(subscriptions.renew(Set.of(mine, theirs), now.plusMinutes(3)))
                .containsExactly(mine);
        subscriptions.release(List.of(mine, theirs));
        assertThat(held(jdbc, mine)).as("let go").isFalse();
        assertThat(held(jdbc, theirs)).as("the other node's lease stands").isTrue();
        assertThat(subscriptions.leasable(List.of(theirs), now.plusMinutes(5)))
                .as("once its lease ran out")
                .containsExactly(theirs);
        jdbc.sql("update webhook_subscription set lease_until = null, lease_owner = null where id = :id")
                .param("id", theirs)
                .update();
    }

    /** A series' value at {@code /actuator/prometheus}, as an operator's scraper reads it. */
    private double metric(String series) {
        return Metrics.value(api, series);
    }

    private UUID subscriptionId() {
        return UUID.fromString(subscribe(token, owner, activepieces.addFlow(true), "task.created", Map.of())
                .body()
                .path("id")
                .asString());
    }

    private static boolean held(JdbcClient jdbc, UUID subscription) {
        return jdbc.sql("select count(*) from webhook_subscription where id = :id and lease_until is not null")
                        .param("id", subscription)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private List<String> titlesOf(List<WebhookDelivery> deliveries) {
        return deliveries.stream()
                .map(d ->
                        api.json().readTree(d.body()).path("data").path("title").asString())
                .toList();
    }

    @Test
    void subscriptionsAreValidatedAndBelongToTheirTenant() {
        String flow = activepieces.addFlow(true);
        var unknownEvent = subscribe(token, owner, flow, "task.exploded", Map.of());
        assertThat(unknownEvent.status()).isEqualTo(400);
        assertThat(unknownEvent.message()).contains("task.exploded").contains("timesheet.time-log.created");
        var unknownKey = subscribe(token, owner, flow, "task.created", Map.of("color", "red"));
        assertThat(unknownKey.status()).isEqualTo(400);
        assertThat(unknownKey.message()).contains("color").contains("projectId");
        var longValue = subscribe(token, owner, flow, "task.created", Map.of("status", "s".repeat(10_000)));
        assertThat(longValue.status()).as("not the database's constraint error").isEqualTo(400);
        assertThat(longValue.message()).contains("filter.status").contains("255");
        var badUrl = api.post(WEBHOOKS)
                .token(token)
                .json(Map.of("targetUrl", "ftp://example.com/x", "events", List.of("task.created")))
                .send();
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.message()).contains("http");

        var other = accounts.onboard("other hooks");
        String otherFlow = activepieces.addFlow(true);
        String otherId = subscribe(other.token(), other, otherFlow, "task.created", Map.of())
                .body()
                .path("id")
                .asString();
        assertThat(api.get(WEBHOOKS + "/" + otherId).token(token).send().status())
                .isEqualTo(404);
        assertThat(api.delete(WEBHOOKS + "/" + otherId).token(token).send().status())
                .isEqualTo(404);
        var foreignTenant = subscribe(token, other, flow, "task.created", Map.of());
        assertThat(foreignTenant.status()).as("the body names another tenant").isEqualTo(403);

        // An event of one tenant never reaches another tenant's subscription.
        String mine = activepieces.addFlow(true);
        subscribe(token, owner, mine, "task.created", Map.of());
        createTask(owner, Map.of());
        awaitDeliveries(mine, 1);
        createTask(other, Map.of());
        awaitDeliveries(otherFlow, 1);
        assertThat(activepieces.webhookDeliveries(mine)).hasSize(1);
        assertThat(activepieces.webhookDeliveries(otherFlow)).hasSize(1);
    }

    @Test
    void onlyTheRightPermissionAndScopeMaySubscribe() {
        var grants = new OAuthGrants(api);
        String flow = activepieces.addFlow(true);
        assertThat(subscribe(grants.accessToken(owner, owner, "webhooks:write"), owner, flow, "task.created", Map.of())
                        .status())
                .isEqualTo(201);
        var wrongScope =
                subscribe(grants.accessToken(owner, owner, "tasks:write"), owner, flow, "task.created", Map.of());
        assertThat(wrongScope.status()).isEqualTo(403);
        assertThat(wrongScope.message()).contains("webhooks:write");
        var employee = accounts.addUser(owner, "EMPLOYEE");
        assertThat(subscribe(employee.token(), employee, flow, "task.created", Map.of())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void failuresAreRetriedWithBackoffAndRetryAfter() {
        String flow = activepieces.addFlow(true);
        String id = subscribe(token, owner, flow, "task.created", Map.of())
                .body()
                .path("id")
                .asString();
        activepieces.injectFault(Fault.status("/api/v1/webhooks/" + flow, 500, 2));
        double retrying = metric(RETRYING);
        double delivered = metric(DELIVERED);
        double lags = metric(LAGS);
        double quick = metric(QUICK);
        createTask(owner, Map.of());
        awaitDeliveries(flow, 1);
        JsonNode delivery = await(
                () -> {
                    JsonNode item = deliveryLog(id).path("items").get(0);
                    return item != null && item.path("status").asString().equals("DELIVERED") ? item : null;
                },
                "the delivery log");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.path("attemptLog"))
                .extracting(a -> a.path("statusCode").asInt())
                .containsExactly(500, 500, 200);
        // An operator's scraper sees the same: two failed attempts, then one delivered, and how long it took.
        await(() -> metric(DELIVERED) >= delivered + 1 && metric(LAGS) >= lags + 1 ? true : null, "the metrics");
        assertThat(metric(RETRYING)).isGreaterThanOrEqualTo(retrying + 2);
        assertThat(metric(QUICK) - quick)
                .as("attempts 150 and 300 ms apart: delivered later than 250 ms")
                .isLessThan(metric(LAGS) - lags);
        assertThat(Metrics.scrape(api))
                .contains(
                        "gauzy_webhooks_senders_busy ",
                        "gauzy_webhooks_subscriptions_waiting ",
                        "gauzy_webhooks_attempt_duration_seconds_count ");

        String limited = activepieces.addFlow(true);
        String limitedId = subscribe(token, owner, limited, "task.created", Map.of())
                .body()
                .path("id")
                .asString();
        activepieces.injectFault(Fault.rateLimit("/api/v1/webhooks/" + limited, Duration.ofSeconds(2), 1));
        createTask(owner, Map.of());
        awaitDeliveries(limited, 1);
        JsonNode attempts = await(
                () -> {
                    JsonNode item = deliveryLog(limitedId).path("items").get(0);
                    return item != null && item.path("status").asString().equals("DELIVERED")
                            ? item.path("attemptLog")
                            : null;
                },
                "the rate-limited delivery");
        Instant first = Instant.parse(attempts.get(0).path("attemptedAt").asString());
        Instant second = Instant.parse(attempts.get(1).path("attemptedAt").asString());
        assertThat(attempts.get(0).path("statusCode").asInt()).isEqualTo(429);
        assertThat(Duration.between(first, second))
                .as("Retry-After: 2")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    /**
     * Activepieces answers 404 for a flow that is turned off (webhook.service.ts): that is a pause the user
     * may undo, so the delivery is retried on the schedule and the subscription stays on; once the flow is
     * on again, the next attempt is delivered.
     */
    @Test
    void aFlowTurnedOffIsRetriedAndDeliveredWhenItIsOnAgain() {
        String flow = activepieces.addFlow(false);
        String id = subscribe(token, owner, flow, "task.created", Map.of())
                .body()
                .path("id")
                .asString();
        createTask(owner, Map.of());
        await(
                () -> {
                    JsonNode item = deliveryLog(id).path("items").get(0);
                    return item != null && item.path("attemptLog").size() >= 1 ? true : null;
                },
                "an attempt at the flow that is off");
        JsonNode subscription = api.get(WEBHOOKS + "/" + id).token(token).send().body();
        assertThat(subscription.path("active").asBoolean()).isTrue();
        assertThat(deliveryLog(id)
                        .path("items")
                        .get(0)
                        .path("attemptLog")
                        .get(0)
                        .path("statusCode")
                        .asInt())
                .isEqualTo(404);
        assertThat(activepieces.webhookDeliveries(flow)).isEmpty();

        activepieces.setFlowEnabled(flow, true);
        awaitDeliveries(flow, 1);
        JsonNode delivered = await(
                () -> {
                    JsonNode item = deliveryLog(id).path("items").get(0);
                    return item != null && item.path("status").asString().equals("DELIVERED") ? item : null;
                },
                "the delivery once the flow is on");
        assertThat(delivered
                        .path("attemptLog")
                        .get(delivered.path("attemptLog").size() - 1)
                        .path("statusCode")
                        .asInt())
                .isEqualTo(200);
    }

    /** A target that fails every delivery for longer than {@code disable-after} is disabled, and says why. */
    @Test
    void aSubscriptionWhoseEveryDeliveryFailsForDaysIsDisabled(@Autowired WebhookSettings settings) {
        String failing = activepieces.addFlow(true);
        String id = subscribe(token, owner, failing, "task.created", Map.of())
                .body()
                .path("id")
                .asString();
        activepieces.injectFault(Fault.status("/api/v1/webhooks/" + failing, 500, 10_000));
        double disabledBefore = metric(DISABLED_FAILING);
        createTask(owner, Map.of("title", "Fails"));
        JsonNode since = await(
                () -> {
                    JsonNode subscription =
                            api.get(WEBHOOKS + "/" + id).token(token).send().body();
                    return subscription.path("failingSince").isNull()
                                    || subscription.path("failingSince").isMissingNode()
                            ? null
                            : subscription;
                },
                "the first failure to be recorded");
        assertThat(since.path("active").asBoolean())
                .as("one failure disables nothing")
                .isTrue();

        clock.advance(settings.disableAfter().plusMinutes(1));
        Account later = accounts.login(owner.email(), owner.password()); // days later: yesterday's tokens expired
        createTask(later, Map.of("title", "Still failing, days later"));
        JsonNode disabled = await(
                () -> {
                    JsonNode subscription = api.get(WEBHOOKS + "/" + id)
                            .token(later.token())
                            .send()
                            .body();
                    return subscription.path("active").asBoolean() ? null : subscription;
                },
                "the subscription to be disabled");
        assertThat(disabled.path("disabledReason").asString()).isNotBlank();
        assertThat(metric(DISABLED_FAILING)).isEqualTo(disabledBefore + 1);
    }

    @Test
    void goneDisablesTheSubscriptionAndADeadLetterCanBeReplayed() {
        String gone = activepieces.addFlow(true);
        String goneId = subscribe(token, owner, gone, "task.created", Map.of())
                .body()
                .path("id")
                .asString();
        activepieces.deleteFlow(gone);
        double disabledBefore = metric(DISABLED_GONE);
        double deadBefore = metric(DEAD);
        createTask(owner, Map.of());
        JsonNode disabled = await(
                () -> {
                    JsonNode s =
                            api.get(WEBHOOKS + "/" + goneId).token(token).send().body();
                    return s.path("active").asBoolean() ? null : s;
                },
                "the subscription to be disabled");
        assertThat(disabled.path("disabledReason").asString()).contains("410");
        assertThat(deliveryLog(goneId).path("items").get(0).path("status").asString())
                .isEqualTo("DEAD");
        await(
                () -> metric(DISABLED_GONE) >= disabledBefore + 1 && metric(DEAD) >= deadBefore + 1 ? true : null,
                "the metrics of a subscription disabled and its delivery dead-lettered");

        String dead = activepieces.addFlow(true);
        String deadId = subscribe(token, owner, dead, "task.created", Map.of())
                .body()
                .path("id")
                .asString();
        activepieces.injectFault(Fault.status("/api/v1/webhooks/" + dead, 503, 10));
        createTask(owner, Map.of());
        JsonNode letter = await(
                () -> {
                    JsonNode item = deliveryLog(deadId).path("items").get(0);
                    return item != null && item.path("status").asString().equals("DEAD") ? item : null;
                },
                "the dead letter");
        assertThat(letter.path("attempts").asInt())
                .as("first attempt and three retries")
                .isEqualTo(4);
        assertThat(letter.path("lastError").asString()).contains("no retries left");
        assertThat(activepieces.webhookDeliveries(dead)).isEmpty();
        activepieces.clearFaults();

        var replayed = api.post(WEBHOOKS + "/" + deadId + "/deliveries/"
                        + letter.path("id").asString() + "/replay")
                .token(owner.token())
                .send();
        assertThat(replayed.status()).as(replayed.text()).isEqualTo(202);
        awaitDeliveries(dead, 1);
        assertThat(api.post(WEBHOOKS + "/" + deadId + "/deliveries/" + UUID.randomUUID() + "/replay")
                        .token(owner.token())
                        .send()
                        .status())
                .isEqualTo(404);
    }
}
