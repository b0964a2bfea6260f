package org.gauzy.bridge.automation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gauzy.bridge.activepieces.ActivepiecesReads;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.webhooks.DeliveryTargets;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flows of an installation's project that act on the caller's organization, with their health.
 * <p>
 * A flow concerns the organization when its latest version uses the organization's connection, when one of
 * the organization's webhook subscriptions delivers to its trigger URL ({@code …/webhooks/{flowId}}), or when
 * a step is the ever-gauzy piece's, the installation is the organization's and the flow uses no other
 * organization's connection. Per flow shown, one call reads its runs of the last 7 days (a page of 100); the
 * result is kept {@code cacheFor} (30 s) per tenant, organization, installation and project, so that a busy
 * page does not ask Activepieces again. Each fresh look records the alerts it finds.
 */
@Service
class FlowHealth {

    static final int RUNS_READ = 100;
    static final Duration WINDOW = Duration.ofDays(7);
    /** How long a delivery may wait for its run before the flow counts as not running. */
    static final Duration RUN_GRACE = Duration.ofMinutes(2);

    private static final Pattern TRIGGER_URL = Pattern.compile("/webhooks/([0-9A-Za-z]{21})(/sync)?/?$");
    private static final Pattern GAUZY_CONNECTION = Pattern.compile("gauzy-tenant-[0-9a-f-]{36}-org-[0-9a-f-]{36}");

    /** Why a flow is shown. */
    enum Link {
        CONNECTION,
        WEBHOOK,
        PIECE
    }

    /** Where a flow's deliveries stand, for one subscription that targets it. */
    record DeliveryView(
            UUID subscriptionId,
            String name,
            boolean active,
            @Nullable String disabledReason,
            @Nullable Integer lastStatus,
            @Nullable OffsetDateTime lastAttemptAt,
            @Nullable OffsetDateTime lastDeliveredAt) {}

    /**
     * One flow on the Flows tab. {@code health}: {@code FAILING} (its last runs failed), {@code CONNECTION_ERROR}
     * (it uses the organization's connection, which Activepieces marked ERROR), {@code NOT_RECEIVING} (a
     * subscription to it was disabled, or its trigger URL answers 404 or 410), {@code NOT_RUNNING} (a delivery
     * got through over 2 minutes ago and no run followed), {@code DISABLED} (off in Activepieces), {@code IDLE}
     * (no run in 7 days), {@code OK}. The first four raise an alert.
     */
    record FlowView(
            String id,
            String name,
            boolean enabled,
            String trigger,
            List<Link> links,
            String health,
            @Nullable String alert,
            RunSummary runs,
            List<DeliveryView> deliveries,
            String url) {}

    /** The Flows tab: every flow that concerns the organization, failing ones first, and the open alerts. */
    record FlowsView(
            String projectId,
            List<FlowView> items,
            int total,
            int failing,
            boolean complete,
            List<FlowAlerts.Open> alerts,
            Instant checkedAt) {}

    private record Key(UUID tenant, UUID organization, UUID integration, String project) {}

    private final ActivepiecesReads activepieces;
    private final DeliveryTargets targets;
    private final FlowAlerts alerts;
    private final AutomationSettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final ExecutorService readers;
    /** Recent looks, by the service's clock (so that a test can move time past them). */
    private final Cache<Key, FlowsView> cache;

    FlowHealth(
            ActivepiecesReads activepieces,
            DeliveryTargets targets,
            FlowAlerts alerts,
            AutomationSettings settings,
            JsonMapper json,
            Clock clock) {
        this.activepieces = activepieces;
        this.targets = targets;
        this.alerts = alerts;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(1_000)
                .expireAfterWrite(settings.cacheFor())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        var number = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(Math.max(1, settings.concurrency()), r -> {
            var thread = new Thread(r, "flow-health-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }

    FlowsView flows(RequestContext context, UUID integrationId, @Nullable String projectId) {
        ActivepiecesReads.Project project = activepieces.open(context, integrationId, projectId);
        var key = new Key(context.tenant(), context.organization(), integrationId, project.id());
        FlowsView hit = cache.getIfPresent(key);
        if (hit != null) {
            return hit;
        }
        return look(context.tenant(), context.organization(), integrationId, project, clock.instant());
    }

    /**
     * A fresh look at a project's flows for an organization, which records the alerts it finds and replaces
     * what the cache holds: what a page asks on a miss, and what the background watch does on its own.
     */
    FlowsView look(UUID tenant, UUID organization, UUID integrationId, ActivepiecesReads.Project project, Instant now) {
        FlowsView view = fresh(tenant, organization, integrationId, project, now);
        cache.put(new Key(tenant, organization, integrationId, project.id()), view);
        return view;
    }

    private FlowsView fresh(
            UUID tenant, UUID organization, UUID integrationId, ActivepiecesReads.Project project, Instant now) {
        Map<String, List<DeliveryTargets.Target>> deliveriesByFlow = new LinkedHashMap<>();
        for (DeliveryTargets.Target target : targets.of(tenant, organization)) {
            flowOf(target.targetUrl())
                    .ifPresent(flow -> deliveriesByFlow
                            .computeIfAbsent(flow, f -> new ArrayList<>())
                            .add(target));
        }
        FlowWalk.Walked walked = FlowWalk.all(
                cursor -> project.get(
                        cursor == null
                                ? Map.of("limit", String.valueOf(FlowWalk.PAGE))
                                : Map.of("limit", String.valueOf(FlowWalk.PAGE), "cursor", cursor),
                        "flows"),
                json);
        String ours = ActivepiecesReads.connectionExternalId(tenant, organization);
        boolean installationIsOurs = organization.equals(project.organization());
        record Concern(FlowFacts facts, List<Link> why) {}
        var concerning = new ArrayList<Concern>();
        for (JsonNode flow : walked.flows()) {
            FlowFacts facts = FlowFacts.of(flow);
            List<Link> why = links(facts, ours, deliveriesByFlow.containsKey(facts.id()), installationIsOurs);
            if (!why.isEmpty()) {
                concerning.add(new Concern(facts, why));
            }
        }
        boolean connectionBroken =
                concerning.stream().anyMatch(c -> c.facts().connectionIds().contains(ours))
                        && connectionInError(project, ours);
        List<CompletableFuture<FlowView>> reads = concerning.stream()
                .map(concern -> CompletableFuture.supplyAsync(
                        () -> view(
                                project,
                                concern.facts(),
                                concern.why(),
                                deliveriesByFlow.getOrDefault(concern.facts().id(), List.of()),
                                connectionBroken
                                        && concern.facts().connectionIds().contains(ours),
                                now),
                        readers))
                .toList();
        List<FlowView> views = new ArrayList<>();
        try {
            reads.forEach(read -> views.add(read.join()));
        } catch (CompletionException failed) {
            reads.forEach(read -> read.cancel(true));
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
        views.sort((a, b) -> {
            int byAlert = Boolean.compare(b.alert() != null, a.alert() != null);
            return byAlert != 0 ? byAlert : a.name().compareToIgnoreCase(b.name());
        });
        var findings = views.stream()
                .filter(v -> v.alert() != null)
                .map(v -> new FlowAlerts.Finding(v.id(), v.name(), v.health(), v.alert()))
                .toList();
        var looked =
                walked.flows().stream().map(f -> f.path("id").asString()).collect(java.util.stream.Collectors.toSet());
        alerts.record(tenant, organization, integrationId, project.id(), findings, looked, walked.complete());
        return new FlowsView(
                project.id(),
                List.copyOf(views),
                views.size(),
                findings.size(),
                walked.complete(),
                alerts.open(tenant, organization, integrationId),
                now);
    }

    private static List<Link> links(FlowFacts facts, String ours, boolean delivered, boolean installationIsOurs) {
        var why = new ArrayList<Link>();
        if (facts.connectionIds().contains(ours)) {
            why.add(Link.CONNECTION);
        }
        if (delivered) {
            why.add(Link.WEBHOOK);
        }
        boolean othersConnection = facts.connectionIds().stream()
                .anyMatch(c -> GAUZY_CONNECTION.matcher(c).matches() && !c.equals(ours));
        if (installationIsOurs && !othersConnection && facts.pieces().stream().anyMatch(FlowHealth::isEverGauzy)) {
            why.add(Link.PIECE);
        }
        return why;
    }

    private static boolean isEverGauzy(String piece) {
        return piece.equals("@activepieces/piece-ever-gauzy");
    }

    /**
     * Whether the organization's connection is in ERROR in Activepieces (its grant revoked or its refresh
     * refused): one call for the whole page. Activepieces 0.85.4 then starts no run of a flow that uses it
     * (it resolves the connection before the trigger runs; seen on the running server).
     */
    private boolean connectionInError(ActivepiecesReads.Project project, String ours) {
        JsonNode broken = project.get(
                Map.of("pieceName", activepieces.pieceName(), "status", "ERROR", "limit", "100"), "app-connections");
        for (JsonNode connection : broken.path("data")) {
            if (ours.equals(connection.path("externalId").asString())) {
                return true;
            }
        }
        return false;
    }

    /** One flow's health: its runs of the last 7 days, in one call, and its deliveries. */
    private FlowView view(
            ActivepiecesReads.Project project,
            FlowFacts facts,
            List<Link> why,
            List<DeliveryTargets.Target> deliveries,
            boolean connectionBroken,
            Instant now) {
        JsonNode page = project.get(
                Map.of(
                        "flowId",
                        facts.id(),
                        "limit",
                        String.valueOf(RUNS_READ),
                        "createdAfter",
                        now.minus(WINDOW).toString()),
                "flow-runs");
        var runs = new ArrayList<RunView>();
        page.path("data")
                .forEach(run ->
                        runs.add(RunView.of(run, project.runUrl(run.path("id").asString()))));
        RunSummary summary = RunSummary.of(runs, now, page.path("next").isString());
        var deliveryViews = deliveries.stream()
                .map(t -> new DeliveryView(
                        t.subscriptionId(),
                        t.name(),
                        t.active(),
                        t.disabledReason(),
                        t.lastStatus(),
                        t.lastAttemptAt(),
                        t.lastDeliveredAt()))
                .toList();
        String health;
        String alert = null;
        var notReceiving = deliveries.stream()
                .filter(t -> !t.active() || gone(t.lastStatus()))
                .findFirst();
        Instant delivered = deliveries.stream()
                .map(DeliveryTargets.Target::lastDeliveredAt)
                .filter(java.util.Objects::nonNull)
                .map(OffsetDateTime::toInstant)
                .max(Instant::compareTo)
                .orElse(null);
        Instant lastRun =
                summary.lastRuns().isEmpty() ? null : summary.lastRuns().get(0).created();
        boolean unanswered = delivered != null
                && delivered.isAfter(now.minus(WINDOW))
                && delivered.isBefore(now.minus(RUN_GRACE))
                && (lastRun == null || lastRun.isBefore(delivered.minus(Duration.ofSeconds(5))));
        if (summary.failingStreak() >= settings.failureThreshold()) {
            health = "FAILING";
            RunView failure = summary.lastFailure();
            String step = failure == null || failure.failedStep() == null
                    ? ""
                    : " at step " + failure.failedStep().displayName();
            String said = failure == null
                            || failure.failedStep() == null
                            || failure.failedStep().message() == null
                    ? ""
                    : ": " + failure.failedStep().message();
            alert = "The last " + summary.failingStreak() + " runs failed" + step + said;
        } else if (connectionBroken) {
            health = "CONNECTION_ERROR";
            alert = "The organization's connection is in ERROR in Activepieces (its grant was revoked or could not be "
                    + "refreshed), so the flow does not run: create the connection again on the Connections tab";
        } else if (notReceiving.isPresent()) {
            health = "NOT_RECEIVING";
            DeliveryTargets.Target target = notReceiving.get();
            alert = !target.active()
                    ? "The webhook subscription \"" + target.name() + "\" to this flow is disabled"
                            + (target.disabledReason() == null ? "" : ": " + target.disabledReason())
                    : "The flow's trigger URL answered " + target.lastStatus() + " to the last delivery of \""
                            + target.name() + "\"";
        } else if (unanswered) {
            health = "NOT_RUNNING";
            alert = "Activepieces accepted a delivery at " + delivered + " but started no run since: check the "
                    + "flow's trigger and connection in Activepieces";
        } else if (!facts.enabled()) {
            health = "DISABLED";
        } else if (summary.runs7d() == 0) {
            health = "IDLE";
        } else {
            health = "OK";
        }
        return new FlowView(
                facts.id(),
                facts.displayName(),
                facts.enabled(),
                facts.trigger(),
                why,
                health,
                alert,
                summary,
                deliveryViews,
                project.flowUrl(facts.id()));
    }

    /** What Activepieces answers at the trigger URL of a flow that was deleted (410) or turned off (404). */
    private static boolean gone(@Nullable Integer status) {
        return status != null && (status == 404 || status == 410);
    }

    /** The flow a subscription's target URL starts: {@code …/api/v1/webhooks/{flowId}[/sync]}. */
    static Optional<String> flowOf(String targetUrl) {
        try {
            String path = URI.create(targetUrl).getPath();
            Matcher m = TRIGGER_URL.matcher(path == null ? "" : path);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }

    /** A page of a flow's runs, newest first, and the cursor of the next. */
    record RunsPage(
            String flowId, List<RunView> items, @Nullable String next) {}

    /**
     * A page of the runs of a flow that concerns the organization (any other is a 404), newest first, with
     * our own cursor: Activepieces' cursors lose runs of a page's last second (up to 0.83) or millisecond
     * (after it), so each page is asked as a first page of the runs made up to the end of the previous page's
     * last millisecond, without the runs of that millisecond already shown.
     */
    RunsPage runs(
            RequestContext context,
            UUID integrationId,
            String flowId,
            @Nullable String projectId,
            @Nullable String cursor,
            int limit,
            List<String> statuses) {
        ActivepiecesReads.Project project = activepieces.open(context, integrationId, projectId);
        UUID tenant = context.tenant();
        UUID organization = context.organization();
        JsonNode flow;
        try {
            flow = project.get(Map.of(), "flows", flowId);
        } catch (ApiException notThere) {
            // 403: a flow of a project this installation may not read is, for the caller, no flow at all
            if (notThere.status().value() == 404 || notThere.status().value() == 403) {
                throw new ApiException.NotFound("Flow", flowId);
            }
            throw notThere;
        }
        FlowFacts facts = FlowFacts.of(flow);
        boolean delivered = targets.of(tenant, organization).stream()
                .anyMatch(t -> flowOf(t.targetUrl()).filter(flowId::equals).isPresent());
        if (!project.id().equals(flow.path("projectId").asString())
                || links(
                                facts,
                                ActivepiecesReads.connectionExternalId(tenant, organization),
                                delivered,
                                organization.equals(project.organization()))
                        .isEmpty()) {
            throw new ApiException.NotFound("Flow", flowId);
        }
        RunCursor at = cursor == null ? null : RunCursor.read(cursor, json);
        var query = new LinkedHashMap<String, Object>();
        query.put("flowId", flowId);
        query.put("limit", String.valueOf(limit + (at == null ? 0 : at.shown().size())));
        if (!statuses.isEmpty()) {
            query.put("status", statuses);
        }
        if (at != null) {
            query.put("createdBefore", at.endOfMillisecond());
        }
        JsonNode page = project.get(query, "flow-runs");
        var runs = new ArrayList<RunView>();
        for (JsonNode run : page.path("data")) {
            RunView view = RunView.of(run, project.runUrl(run.path("id").asString()));
            if (at == null || !at.showed(view)) {
                runs.add(view);
            }
        }
        boolean more = page.path("next").isString() || runs.size() > limit;
        List<RunView> shown = List.copyOf(runs.subList(0, Math.min(limit, runs.size())));
        String next = more && !shown.isEmpty() ? RunCursor.after(shown, at, json) : null;
        return new RunsPage(flowId, shown, next);
    }
}
