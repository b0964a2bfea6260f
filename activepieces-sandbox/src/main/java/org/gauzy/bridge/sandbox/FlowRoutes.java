package org.gauzy.bridge.sandbox;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flows and their runs, read-only, as Activepieces answers them to a platform API key or a user
 * (flows/flow/flow.controller.ts, flow.service.ts, flows/flow-run/flow-run-controller.ts,
 * flow-run-service.ts, shared list-flows-request.ts and list-flow-runs-request.ts @66f43de175):
 * <ul>
 * <li>{@code GET /v1/flows?projectId=} ({@code status}, {@code name}, {@code connectionExternalIds},
 * {@code externalIds}, {@code limit} default 10, {@code cursor}): {@code SeekPage(PopulatedFlow)} ordered
 * by status then {@code updated}, both descending (composite cursor, since 5d2458daf2, in 0.76.1).</li>
 * <li>{@code GET /v1/flows/:id}: the flow, where the caller may read its project; else 404.</li>
 * <li>{@code GET /v1/flow-runs?projectId=} ({@code flowId}, {@code status} of {@code FlowRunStatus},
 * {@code createdAfter}, {@code createdBefore}, {@code limit} default 10, {@code cursor}): runs without
 * their steps, newest first. From the release after 0.83.0 (d45be1890c) by {@code created} then {@code id}
 * with a composite cursor that keeps milliseconds; up to 0.83.0 by {@code created} alone with the cursor
 * compared to the second, so that runs of the boundary's second are skipped.</li>
 * <li>{@code GET /v1/flow-runs/:id}: one run with its steps.</li>
 * </ul>
 * Runs come from the trigger URL (see {@link WebhookRoutes}) and from {@code POST /sandbox/flow-runs}.
 */
final class FlowRoutes {

    static final Set<String> RUN_STATUSES = Set.of(
            "FAILED",
            "QUOTA_EXCEEDED",
            "INTERNAL_ERROR",
            "PAUSED",
            "QUEUED",
            "RUNNING",
            "SUCCEEDED",
            "MEMORY_LIMIT_EXCEEDED",
            "TIMEOUT",
            "CANCELED",
            "LOG_SIZE_EXCEEDED");
    private static final Set<String> FLOW_STATUSES = Set.of("ENABLED", "DISABLED");

    private final Store store;
    private final Security security;
    private final ApVersion version;
    private final JsonMapper json;

    FlowRoutes(Store store, Security security, ApVersion version, JsonMapper json) {
        this.store = store;
        this.security = security;
        this.version = version;
        this.json = json;
    }

    void register(Router router) {
        router.add("GET", "/api/v1/flows", this::listFlows)
                .add("GET", "/api/v1/flows/:id", this::getFlow)
                .add("GET", "/api/v1/flow-runs", this::listRuns)
                .add("GET", "/api/v1/flow-runs/:id", this::getRun);
    }

    private Reply listFlows(Request request) {
        String projectId = required(request, "projectId");
        List<String> statuses = request.queryAll("status");
        for (int i = 0; i < statuses.size(); i++) {
            Body.oneOf(statuses.get(i), FLOW_STATUSES, "querystring/status/" + i);
        }
        String name = request.query("name");
        List<String> connectionIds = request.queryAll("connectionExternalIds");
        List<String> externalIds = request.queryAll("externalIds");
        int limit = Seek.limit(request, 10);
        Principal principal = security.authenticate(request);
        synchronized (store) {
            security.project(principal, projectId);
            var matches = store.flows.values().stream()
                    .filter(f -> f.projectId.equals(projectId))
                    .filter(f -> statuses.isEmpty() || statuses.contains(f.enabled ? "ENABLED" : "DISABLED"))
                    .filter(f -> name == null
                            || f.displayName.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)))
                    .filter(f ->
                            connectionIds.isEmpty() || f.connectionIds.stream().anyMatch(connectionIds::contains))
                    .filter(f -> externalIds.isEmpty() || externalIds.contains(f.id))
                    .toList();
            var page = Seek.pageByKeys(
                    matches,
                    List.of(
                            Seek.Key.<Model.Flow>text("status", true, f -> f.enabled ? "ENABLED" : "DISABLED"),
                            Seek.Key.<Model.Flow>time("updated", true, f -> f.updated)),
                    request.query("cursor"),
                    limit,
                    json);
            return Reply.ok(ConnectionRoutes.seekPage(
                    page.data().stream().map(Model.Flow::populated).toList(), page));
        }
    }

    private Reply getFlow(Request request) {
        String id = Body.apId(request, "id");
        Principal principal = security.authenticate(request);
        synchronized (store) {
            Model.Flow flow = store.flows.get(id);
            if (flow == null) {
                throw ApError.entityNotFound("flow", id);
            }
            security.project(principal, flow.projectId);
            return Reply.ok(flow.populated());
        }
    }

    private Reply listRuns(Request request) {
        String projectId = required(request, "projectId");
        if (!Ids.isApId(projectId)) {
            throw ApError.validation("querystring/projectId", "Invalid string: must match pattern /^[0-9a-zA-Z]{21}$/");
        }
        List<String> flowIds = request.queryAll("flowId");
        for (int i = 0; i < flowIds.size(); i++) {
            if (!Ids.isApId(flowIds.get(i))) {
                throw ApError.validation(
                        "querystring/flowId/" + i, "Invalid string: must match pattern /^[0-9a-zA-Z]{21}$/");
            }
        }
        List<String> statuses = request.queryAll("status");
        for (int i = 0; i < statuses.size(); i++) {
            Body.oneOf(statuses.get(i), RUN_STATUSES, "querystring/status/" + i);
        }
        Instant after = instant(request.query("createdAfter"));
        Instant before = instant(request.query("createdBefore"));
        int limit = Seek.limit(request, 10);
        Principal principal = security.authenticate(request);
        synchronized (store) {
            security.project(principal, projectId);
            var matches = store.flowRuns.stream()
                    .filter(r -> r.projectId.equals(projectId))
                    .filter(r -> flowIds.isEmpty() || flowIds.contains(r.flowId))
                    .filter(r -> statuses.isEmpty() || statuses.contains(r.status))
                    .filter(r -> after == null || !r.created.isBefore(after))
                    .filter(r -> before == null || !r.created.isAfter(before))
                    .toList();
            Seek.Page<Model.FlowRun> page = version.atLeast(0, 84)
                    ? Seek.pageByKeys(
                            matches,
                            List.of(
                                    Seek.Key.<Model.FlowRun>time("created", true, r -> r.created),
                                    Seek.Key.<Model.FlowRun>text("id", true, r -> r.id)),
                            request.query("cursor"),
                            limit,
                            json)
                    : Seek.page(matches, r -> r.created.toEpochMilli(), false, request.query("cursor"), limit);
            return Reply.ok(ConnectionRoutes.seekPage(
                    page.data().stream().map(r -> r.json(false)).toList(), page));
        }
    }

    private Reply getRun(Request request) {
        String id = Body.apId(request, "id");
        Principal principal = security.authenticate(request);
        synchronized (store) {
            Model.FlowRun run = store.flowRuns.stream()
                    .filter(r -> r.id.equals(id))
                    .findFirst()
                    .orElseThrow(() -> ApError.entityNotFound("flow_run", id));
            security.project(principal, run.projectId);
            return Reply.ok(run.json(true));
        }
    }

    private static String required(Request request, String name) {
        String value = request.query(name);
        if (value == null) {
            throw ApError.validation("querystring/" + name, "Invalid input: expected string, received undefined");
        }
        return value;
    }

    /** {@code z.string()} compared by PostgreSQL as a timestamp: what it cannot read fails inside (500). */
    private static @Nullable Instant instant(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApError.fastify(500, null, "Internal Server Error", "Internal Server Error");
        }
    }
}
