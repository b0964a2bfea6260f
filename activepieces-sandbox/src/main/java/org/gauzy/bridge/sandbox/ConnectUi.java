package org.gauzy.bridge.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A few pages standing in for Activepieces' own user interface, enough to try the Gauzy side by
 * clicking: connect the {@code ever-gauzy} piece with OAuth2 (Activepieces' popup: authorization URL,
 * its {@code /redirect} page, then the connection upsert), turn on a flow whose trigger is a Gauzy
 * event (the piece's webhook subscription), run the piece's "create task" action, and see what the
 * flow's webhook received. Every step goes through the sandbox's real routes, as Activepieces would.
 */
final class ConnectUi {

    private record Pending(String environment, String clientId, String clientSecret) {}

    private record Flow(String id, String connectionId, String event, String webhookId) {}

    private static final List<String> EVENTS =
            List.of("task.created", "employee.created", "timesheet.time-log.created");

    private final ActivepiecesSandbox sandbox;
    private final Store store;
    private final PieceCaller caller;
    private final JsonMapper json;
    private final Ids ids;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final List<Flow> flows = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private volatile Pending preset = new Pending("http://localhost:3000", "", "");

    ConnectUi(ActivepiecesSandbox sandbox, Store store, PieceCaller caller, JsonMapper json, Ids ids) {
        this.sandbox = sandbox;
        this.store = store;
        this.caller = caller;
        this.json = json;
        this.ids = ids;
    }

    void preset(String environment, String clientId, String clientSecret) {
        this.preset = new Pending(environment, clientId, clientSecret);
    }

    void register(Router router) {
        router.add("GET", "/ui", this::home)
                .add("POST", "/ui/connect", this::connect)
                .add("GET", "/redirect", this::redirect)
                .add("POST", "/ui/flows", this::enableFlow)
                .add("POST", "/ui/flows/:id/delete", this::disableFlow)
                .add("POST", "/ui/tasks", this::createTask);
    }

    private Reply home(Request request) {
        var html = new StringBuilder(head("Activepieces sandbox"));
        html.append("<h1>Activepieces sandbox</h1><p class=muted>Stands in for Activepieces' user interface: ")
                .append(
                        "everything below goes through its REST API and the <code>ever-gauzy</code> piece's calls.</p>");
        notice(html, request.query("notice"), "notice");
        notice(html, request.query("error"), "error");
        Pending p = preset;
        html.append("<h2>1. Connect Ever Gauzy</h2><form method=post action='/ui/connect'>")
                .append(field("environment", "Gauzy base URL (the piece's environment)", p.environment(), "url"))
                .append(field("clientId", "OAuth client id", p.clientId(), "text"))
                .append(field("clientSecret", "OAuth client secret", p.clientSecret(), "password"))
                .append("<p class=muted>Redirect URI to register in Gauzy: <code>")
                .append(esc(sandbox.baseUrl()))
                .append("/redirect</code></p><button type=submit>Connect</button></form>");
        html.append("<h2>2. Connections of the Ever Gauzy piece</h2><table aria-label=Connections><tr><th>Name</th>")
                .append("<th>Status</th><th>Id</th><th>Try it</th></tr>");
        var connections = everGauzyConnections();
        if (connections.isEmpty()) {
            html.append("<tr><td colspan=4 class=muted>None yet: connect above.</td></tr>");
        }
        for (var c : connections.entrySet()) {
            html.append("<tr><td>")
                    .append(esc(c.getValue()[0]))
                    .append("</td><td><span class=badge>")
                    .append(esc(c.getValue()[1]))
                    .append("</span></td><td><code>")
                    .append(esc(c.getKey()))
                    .append(
                            "</code></td><td><form method=post action='/ui/flows'><input type=hidden name=connectionId value='")
                    .append(esc(c.getKey()))
                    .append("'><label>Trigger <select name=event>")
                    .append(EVENTS.stream()
                            .map(e -> "<option>" + e + "</option>")
                            .collect(Collectors.joining()))
                    .append("</select></label> <button type=submit>Turn on a flow</button></form>")
                    .append("<form method=post action='/ui/tasks'><input type=hidden name=connectionId value='")
                    .append(esc(c.getKey()))
                    .append("'><label>Task title <input name=title value='Task from Activepieces'>")
                    .append("</label> <button type=submit>Run “Create task”</button></form></td></tr>");
        }
        html.append("</table><h2>3. Flows and what their triggers received</h2>");
        if (flows.isEmpty()) {
            html.append("<p class=muted>No flow is on.</p>");
        }
        for (Flow flow : flows) {
            List<WebhookDelivery> received = sandbox.webhookDeliveries(flow.id());
            html.append("<section class=flow><h3>Flow <code>")
                    .append(esc(flow.id()))
                    .append("</code>: ")
                    .append(esc(flow.event()))
                    .append("</h3><p>Gauzy webhook <code>")
                    .append(esc(flow.webhookId()))
                    .append("</code>; received <strong class=count>")
                    .append(received.size())
                    .append("</strong>")
                    .append(" · <a href='/ui'>Refresh</a></p>");
            for (int i = received.size() - 1; i >= Math.max(0, received.size() - 3); i--) {
                WebhookDelivery d = received.get(i);
                html.append("<pre class=delivery>")
                        .append(esc(d.receivedAt().toString()))
                        .append("  webhook-id: ")
                        .append(esc(String.valueOf(d.header("webhook-id"))))
                        .append("\n")
                        .append(esc(pretty(d.body())))
                        .append("</pre>");
            }
            html.append("<form method=post action='/ui/flows/")
                    .append(esc(flow.id()))
                    .append("/delete'><button type=submit class=secondary>Turn off</button></form></section>");
        }
        return Reply.page(html.append("</main></body></html>").toString());
    }

    /** Activepieces' popup: the piece's authorization URL with the query Activepieces builds. */
    private Reply connect(Request request) {
        Map<String, String> form = request.form();
        var p = new Pending(
                form.getOrDefault("environment", "").trim(),
                form.getOrDefault("clientId", "").trim(),
                form.getOrDefault("clientSecret", ""));
        if (p.environment().isEmpty() || p.clientId().isEmpty()) {
            return Reply.seeOther("/ui?error=" + enc("Fill in the Gauzy base URL and the client id"));
        }
        preset = p;
        String state = ids.alphanumeric(21);
        pending.put(state, p);
        String authorize = PieceCaller.baseUrl(p.environment()) + "/api/integration/ever-gauzy/oauth/authorize"
                + "?response_type=code&client_id=" + enc(p.clientId()) + "&redirect_uri=" + enc(redirectUrl())
                + "&access_type=offline&state=" + state + "&prompt=consent&scope=" + enc("gauzy:all");
        return Reply.seeOther(authorize);
    }

    /** Activepieces' {@code /redirect} page, then the upsert its UI sends with the code. */
    private Reply redirect(Request request) {
        Pending p = request.query("state") == null ? null : pending.remove(request.query("state"));
        if (p == null) {
            return Reply.seeOther("/ui?error=" + enc("Unknown or reused state: start the connection again"));
        }
        if (request.query("error") != null) {
            return Reply.seeOther("/ui?error="
                    + enc("Gauzy answered " + request.query("error") + ": "
                            + String.valueOf(request.query("error_description"))));
        }
        var value = new LinkedHashMap<String, Object>();
        value.put("type", "OAUTH2");
        value.put("client_id", p.clientId());
        value.put("client_secret", p.clientSecret());
        value.put("code", String.valueOf(request.query("code")));
        value.put("redirect_url", redirectUrl());
        value.put("scope", "gauzy:all");
        value.put("props", Map.of("environment", p.environment()));
        var body = new LinkedHashMap<String, Object>();
        body.put("externalId", "ever-gauzy-" + ids.alphanumeric(8));
        body.put("displayName", "Ever Gauzy");
        body.put("pieceName", ActivepiecesSandbox.EVER_GAUZY_PIECE);
        body.put("projectId", sandbox.seed().projectId());
        body.put("type", "OAUTH2");
        body.put("value", value);
        JsonNode answer = api("POST", "/api/v1/app-connections", body);
        if (!answer.hasNonNull("id")) {
            return Reply.seeOther("/ui?error=" + enc("The connection was refused: " + answer));
        }
        return Reply.seeOther(
                "/ui?notice=" + enc("Connected: " + answer.path("id").asString()));
    }

    /** Turning on a flow whose trigger is a Gauzy event: the piece's {@code onEnable} subscribes. */
    private Reply enableFlow(Request request) {
        Map<String, String> form = request.form();
        String connectionId = form.getOrDefault("connectionId", "");
        String chosen = form.get("event");
        String event = chosen != null && EVENTS.contains(chosen) ? chosen : EVENTS.get(0);
        String flowId = sandbox.addFlow(true);
        JsonNode claims = caller.tokenClaims(connectionId);
        var subscribe = new LinkedHashMap<String, Object>();
        subscribe.put("name", "ActivePieces " + event + " Webhook");
        subscribe.put("targetUrl", sandbox.baseUrl() + "/api/v1/webhooks/" + flowId);
        subscribe.put("tenantId", claims.path("tenantId").asString(""));
        subscribe.put("organizationId", claims.path("organizationId").asString(""));
        subscribe.put("events", List.of(event));
        subscribe.put(
                "filter",
                Map.of(
                        "organizationId",
                        claims.path("organizationId").asString(""),
                        "tenantId",
                        claims.path("tenantId").asString("")));
        subscribe.put("active", true);
        Map<String, @Nullable Object> answer =
                caller.call(connectionId, spec("POST", "/api/integration/activepieces/webhooks", subscribe));
        JsonNode body = json.valueToTree(answer.get("body"));
        if (!Integer.valueOf(201).equals(answer.get("status")) || !body.hasNonNull("id")) {
            return Reply.seeOther("/ui?error="
                    + enc("Gauzy refused the subscription: " + answer.get("status") + " "
                            + body.path("message").asString(body.toString())));
        }
        flows.add(new Flow(flowId, connectionId, event, body.path("id").asString()));
        return Reply.seeOther("/ui?notice=" + enc("Flow on: Gauzy sends " + event + " to it"));
    }

    /** Turning the flow off: the piece's {@code onDisable} unsubscribes. */
    private Reply disableFlow(Request request) {
        String flowId = request.param("id");
        for (Flow flow : flows) {
            if (flow.id().equals(flowId)) {
                caller.call(
                        flow.connectionId(),
                        spec("DELETE", "/api/integration/activepieces/webhooks/" + flow.webhookId(), null));
                flows.remove(flow);
            }
        }
        return Reply.seeOther("/ui?notice=" + enc("Flow off"));
    }

    /** The piece's "Create task" action. */
    private Reply createTask(Request request) {
        Map<String, String> form = request.form();
        String typed = form.get("title");
        String title = typed == null || typed.isBlank() ? "Task from Activepieces" : typed.trim();
        Map<String, @Nullable Object> answer = caller.call(
                form.getOrDefault("connectionId", ""),
                spec("POST", "/api/tasks", Map.of("title", title, "isDraft", false, "public", true)));
        JsonNode body = json.valueToTree(answer.get("body"));
        return Integer.valueOf(201).equals(answer.get("status"))
                        || Integer.valueOf(200).equals(answer.get("status"))
                ? Reply.seeOther("/ui?notice="
                        + enc("Gauzy created task "
                                + body.path("taskNumber")
                                        .asString(body.path("id").asString())))
                : Reply.seeOther("/ui?error="
                        + enc("Gauzy refused the task: " + answer.get("status") + " "
                                + body.path("message").asString(body.toString())));
    }

    private JsonNode spec(String method, String path, @Nullable Object body) {
        ObjectNode spec = json.createObjectNode();
        spec.put("method", method);
        spec.put("path", path);
        if (body != null) {
            spec.set("body", json.valueToTree(body));
        }
        return spec;
    }

    /** A call to the sandbox's own REST API with the platform key, as Activepieces' UI calls its backend. */
    private JsonNode api(String method, String path, Object body) {
        var request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + sandbox.seed().apiKey())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        try {
            return json.readTree(
                    http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            return json.createObjectNode().put("message", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return json.createObjectNode().put("message", "interrupted");
        }
    }

    /** Connection id → {display name, status}, in creation order. */
    private Map<String, String[]> everGauzyConnections() {
        var out = new LinkedHashMap<String, String[]>();
        synchronized (store) {
            store.connections.values().stream()
                    .filter(c -> ActivepiecesSandbox.EVER_GAUZY_PIECE.equals(c.pieceName) && "OAUTH2".equals(c.type))
                    .forEach(c -> out.put(c.id, new String[] {c.displayName, c.status}));
        }
        return out;
    }

    private String redirectUrl() {
        return sandbox.baseUrl() + "/redirect";
    }

    private String pretty(String body) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(body));
        } catch (RuntimeException notJson) {
            return body;
        }
    }

    private static void notice(StringBuilder html, @Nullable String text, String kind) {
        if (text != null) {
            html.append("<p class=")
                    .append(kind)
                    .append(" role=")
                    .append("error".equals(kind) ? "alert" : "status")
                    .append('>')
                    .append(esc(text))
                    .append("</p>");
        }
    }

    private static String field(String name, String label, String value, String type) {
        return "<label for=" + name + ">" + esc(label) + "</label><input id=" + name + " name=" + name + " type=" + type
                + " value='" + esc(value) + "' required>";
    }

    private static String head(String title) {
        return "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><link rel=icon href='data:,'><title>"
                + esc(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;background:#f6f5fb;margin:0;color:#222}"
                + "main{max-width:980px;margin:24px auto;background:#fff;padding:24px 32px;border-radius:10px}"
                + "h1{color:#6e41e2}label{display:block;margin:10px 0 4px;font-weight:600}"
                + "input,select{padding:7px;border:1px solid #ccc;border-radius:6px}input[type=url],input[type=text],"
                + "input[type=password]{width:100%;box-sizing:border-box}button{background:#6e41e2;color:#fff;border:0;"
                + "padding:8px 14px;border-radius:6px;margin:6px 0;cursor:pointer}button.secondary{background:#fff;"
                + "color:#6e41e2;border:1px solid #6e41e2}table{width:100%;border-collapse:collapse}td,th{text-align:left;"
                + "padding:8px;border-bottom:1px solid #eee;vertical-align:top}td form{margin:4px 0}td label{display:inline;"
                + "font-weight:normal}.badge{background:#eee;border-radius:8px;padding:1px 8px;font-size:.85em}"
                + ".notice{background:#e8f5ee;padding:10px;border-radius:6px}.error{background:#fdecec;padding:10px;"
                + "border-radius:6px}.muted{color:#666}pre{background:#f4f4f8;padding:8px;white-space:pre-wrap;"
                + "font-size:.8em;max-height:220px;overflow:auto}section.flow{border:1px solid #eee;border-radius:8px;"
                + "padding:4px 12px;margin:10px 0}</style></head><body><main>";
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("'", "&#39;")
                .replace("\"", "&quot;");
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
