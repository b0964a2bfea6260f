package org.gauzy.bridge.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gauzy.bridge.sandbox.Model.Piece;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox's own API under {@code /sandbox} (not part of Activepieces): reset, add platforms,
 * users, projects, keys and pieces, read recorded requests and webhook deliveries, inject faults,
 * move the clock, and call Gauzy through a connection as the piece would.
 */
final class ControlRoutes {

    private final ActivepiecesSandbox sandbox;
    private final Store store;
    private final PieceCaller caller;

    ControlRoutes(ActivepiecesSandbox sandbox, Store store, PieceCaller caller) {
        this.sandbox = sandbox;
        this.store = store;
        this.caller = caller;
    }

    void register(Router router) {
        router.add("GET", "/sandbox/seed", r -> Reply.ok(sandbox.seed()))
                .add("POST", "/sandbox/reset", r -> {
                    sandbox.reset();
                    return Reply.ok(sandbox.seed());
                })
                .add("POST", "/sandbox/platforms", this::addPlatform)
                .add("POST", "/sandbox/users", this::addUser)
                .add("POST", "/sandbox/users/:id/token", this::userToken)
                .add("POST", "/sandbox/projects", this::addProject)
                .add("POST", "/sandbox/api-keys", this::addApiKey)
                .add("POST", "/sandbox/pieces", this::addPiece)
                .add("GET", "/sandbox/requests", r -> Reply.ok(sandbox.requests()))
                .add("DELETE", "/sandbox/requests", r -> {
                    store.clearRecorded();
                    return Reply.noContent();
                })
                .add("GET", "/sandbox/webhooks/:flowId", r -> Reply.ok(sandbox.webhookDeliveries(r.param("flowId"))))
                .add("POST", "/sandbox/flows", this::addFlow)
                .add("POST", "/sandbox/flows/:id", r -> {
                    var body = Body.object(r.json(), "body");
                    String id = r.param("id");
                    boolean found = !body.has("enabled")
                            || sandbox.setFlowEnabled(id, body.path("enabled").asBoolean());
                    if (found && body.has("runStatus")) {
                        found = sandbox.setRunOutcome(
                                id,
                                Body.oneOf(
                                        body.path("runStatus").asString(), FlowRoutes.RUN_STATUSES, "body/runStatus"),
                                Body.optionalString(body, "failedStep", "body/failedStep"),
                                Body.optionalString(body, "message", "body/message"));
                    }
                    if (!found) {
                        throw ApError.entityNotFound("flow", id);
                    }
                    return Reply.ok(Map.of("id", id));
                })
                .add("POST", "/sandbox/flow-runs", this::addRuns)
                .add("POST", "/sandbox/app-connections/:id", r -> {
                    // What Activepieces does to a connection whose refresh is refused: {"status": "ERROR"}.
                    String status = Body.oneOf(
                            Body.object(r.json(), "body").path("status").asString(),
                            Set.of("ACTIVE", "ERROR", "MISSING"),
                            "body/status");
                    synchronized (store) {
                        var connection = store.connections.get(r.param("id"));
                        if (connection == null) {
                            throw ApError.entityNotFound("app_connection", r.param("id"));
                        }
                        connection.status = status;
                    }
                    return Reply.ok(Map.of("id", r.param("id"), "status", status));
                })
                .add("DELETE", "/sandbox/flows/:id", r -> {
                    sandbox.deleteFlow(r.param("id"));
                    return Reply.noContent();
                })
                .add("POST", "/sandbox/faults", this::addFault)
                .add("DELETE", "/sandbox/faults", r -> {
                    sandbox.clearFaults();
                    return Reply.noContent();
                })
                .add("POST", "/sandbox/clock", r -> {
                    sandbox.clock()
                            .advance(Duration.ofSeconds(
                                    r.json().path("advanceSeconds").asLong()));
                    if (r.json().has("pinned")) {
                        if (r.json().path("pinned").asBoolean()) {
                            sandbox.clock().pinToSecond();
                        } else {
                            sandbox.clock().unpin();
                        }
                    }
                    return Reply.ok(Map.of("now", Model.iso(sandbox.clock().now())));
                })
                .add("GET", "/sandbox/connections/:id", this::connection)
                .add(
                        "POST",
                        "/sandbox/connections/:id/call",
                        r -> Reply.ok(caller.call(r.param("id"), Body.object(r.json(), "body"))));
    }

    private Reply addPlatform(Request request) {
        JsonNode body = request.json();
        return Reply.created(sandbox.addPlatform(
                body.path("email").asString(null), body.path("password").asString(null)));
    }

    private Reply addUser(Request request) {
        JsonNode body = Body.object(request.json(), "body");
        var user = store.addUser(
                platform(body),
                Body.string(body, "email", "body"),
                Body.string(body, "password", "body"),
                body.path("platformRole").asString("MEMBER"));
        return Reply.created(user.json());
    }

    private Reply userToken(Request request) {
        var user = store.users.get(request.param("id"));
        if (user == null) {
            throw ApError.entityNotFound("user", request.param("id"));
        }
        long ttl = request.json().path("ttlSeconds").asLong(UserTokens.DEFAULT_TTL.toSeconds());
        return Reply.ok(Map.of("token", sandbox.userToken(user.email, Duration.ofSeconds(ttl))));
    }

    private Reply addProject(Request request) {
        JsonNode body = Body.object(request.json(), "body");
        var project = store.addProject(
                platform(body),
                body.path("id").asString(null),
                body.path("displayName").asString("Sandbox project"),
                body.path("externalId").asString(null));
        return Reply.created(project.json());
    }

    private Reply addApiKey(Request request) {
        String value = store.ids.apiKey();
        var key = store.addApiKey(platform(request.json()), value);
        return Reply.created(Map.of("id", key.id, "value", value));
    }

    private Reply addPiece(Request request) {
        JsonNode body = Body.object(request.json(), "body");
        String name = Body.string(body, "name", "body");
        List<String> versions = Body.stringArray(body, "versions", "body");
        Piece.OAuth2 auth = null;
        if (body.path("auth").isObject()) {
            JsonNode a = body.path("auth");
            auth = new Piece.OAuth2(
                    Body.string(a, "authUrl", "body/auth"),
                    Body.string(a, "tokenUrl", "body/auth"),
                    Body.stringArray(a, "scope", "body/auth"));
        }
        var piece = new Piece(name, versions.isEmpty() ? List.of("0.0.1") : versions, auth);
        sandbox.addPiece(piece);
        return Reply.created(Map.of("name", name, "versions", piece.versions()));
    }

    /**
     * {@code {projectId?, enabled?, displayName?, trigger?: {pieceName, triggerName}, steps?: [{pieceName,
     * actionName}], connectionIds?: []}}: a flow, by default an enabled one with an EMPTY trigger in the seed's
     * project.
     */
    private Reply addFlow(Request r) {
        var body = r.json();
        var trigger = body.path("trigger");
        var steps = new java.util.ArrayList<List<String>>();
        body.path("steps")
                .forEach(step -> steps.add(List.of(
                        step.path("pieceName").asString(),
                        step.path("actionName").asString())));
        var connections = new java.util.ArrayList<String>();
        body.path("connectionIds").forEach(c -> connections.add(c.asString()));
        String id = sandbox.addFlow(new ActivepiecesSandbox.FlowSpec(
                body.path("projectId").asString(sandbox.seed().projectId()),
                body.path("enabled").asBoolean(true),
                body.path("displayName").isString() ? body.path("displayName").asString() : null,
                trigger.path("pieceName").isString() ? trigger.path("pieceName").asString() : null,
                trigger.path("triggerName").isString()
                        ? trigger.path("triggerName").asString()
                        : null,
                steps,
                connections));
        return Reply.created(Map.of("id", id));
    }

    /**
     * {@code {flowId, status, count?, created?, spacingMillis?, durationMillis?, failedStep?, message?}}:
     * {@code count} runs of a flow (1 by default), the first created at {@code created} (ISO, microseconds
     * kept; now by default), each next one {@code spacingMillis} earlier (1000 by default; 0 puts them all in
     * one instant, as a burst is on Activepieces). Answers the ids, newest first.
     */
    private Reply addRuns(Request r) {
        var body = Body.object(r.json(), "body");
        String flowId = Body.string(body, "flowId", "body/flowId");
        String status = Body.oneOf(body.path("status").asString(), FlowRoutes.RUN_STATUSES, "body/status");
        int count = body.path("count").asInt(1);
        java.time.Instant first = body.path("created").isString()
                ? java.time.Instant.parse(body.path("created").asString())
                : sandbox.clock().now();
        long spacing = body.path("spacingMillis").asLong(1000);
        var took = Duration.ofMillis(body.path("durationMillis").asLong(250));
        String failedStep = Body.optionalString(body, "failedStep", "body/failedStep");
        String message = Body.optionalString(body, "message", "body/message");
        var ids = new java.util.ArrayList<String>();
        for (int i = 0; i < count; i++) {
            ids.add(sandbox.addRun(flowId, status, first.minusMillis(spacing * i), took, failedStep, message));
        }
        return Reply.created(Map.of("ids", ids));
    }

    private Reply addFault(Request request) {
        JsonNode body = Body.object(request.json(), "body");
        String path = Body.string(body, "path", "body");
        var kind = Fault.Kind.valueOf(Body.oneOf(
                Body.optionalString(body, "kind", "body"),
                Set.of("LATENCY", "STATUS", "RESET", "RATE_LIMIT", "BROKEN_BODY"),
                "body/kind"));
        var fault = new Fault(
                body.path("method").asString(null),
                path,
                kind,
                body.path("status").asInt(kind == Fault.Kind.RATE_LIMIT ? 429 : 503),
                Duration.ofMillis(body.path("latencyMs").asLong(0)),
                Duration.ofSeconds(body.path("retryAfterSeconds").asLong(1)),
                body.path("times").asInt(0));
        sandbox.injectFault(fault);
        return Reply.created(Map.of("kind", kind.name().toLowerCase(Locale.ROOT), "path", path));
    }

    /** The connection with its stored value: for tests only (the Activepieces API never returns it). */
    private Reply connection(Request request) {
        synchronized (store) {
            var connection = store.connections.get(request.param("id"));
            if (connection == null) {
                throw ApError.entityNotFound("app_connection", request.param("id"));
            }
            Map<String, @Nullable Object> out = new LinkedHashMap<>(connection.json());
            out.put("value", connection.value);
            return Reply.ok(out);
        }
    }

    private String platform(JsonNode body) {
        String given = body.path("platformId").asString(null);
        return given != null ? given : sandbox.seed().platformId();
    }
}
