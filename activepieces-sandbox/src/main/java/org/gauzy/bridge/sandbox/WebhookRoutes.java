package org.gauzy.bridge.sandbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A flow's trigger URL, {@code /api/v1/webhooks/:flowId} and {@code /sync}, as {@code webhooks/webhook-controller.ts}
 * and {@code webhook.service.ts} answer it (@66f43de175): any method ({@code app.all}); a flow id that is
 * not a 21-character id is a 400 of the params schema; an unknown flow is 410 {@code {}}, a disabled one
 * 404 {@code {}}, an enabled one 200 {@code {}} (async: queued), every answer with {@code x-webhook-id}.
 * A sync call answers with the flow's response (here the one the flow was given, 200 {@code {}} by
 * default). What an enabled flow receives is recorded, and starts a run of it (see {@link FlowRoutes}) that
 * comes to the outcome the flow was given ({@code SUCCEEDED} unless a test set a failure), unless the flow uses
 * a connection in ERROR.
 */
final class WebhookRoutes {

    private final Store store;

    WebhookRoutes(Store store) {
        this.store = store;
    }

    void register(Router router) {
        router.add(Router.ANY, "/api/v1/webhooks/:flowId", request -> receive(request, false))
                .add(Router.ANY, "/api/v1/webhooks/:flowId/sync", request -> receive(request, true));
    }

    private Reply receive(Request request, boolean sync) {
        String flowId = request.param("flowId");
        if (!Ids.isApId(flowId)) {
            throw ApError.validation("params/flowId", "Invalid string: must match pattern /^[0-9a-zA-Z]{21}$/");
        }
        Map<String, String> answerHeaders = Map.of("x-webhook-id", store.ids.apId());
        Model.Flow flow;
        synchronized (store) {
            flow = store.flows.get(flowId);
        }
        if (flow == null) {
            return new Reply(410, Map.of(), answerHeaders);
        }
        if (!flow.enabled) {
            return new Reply(404, Map.of(), answerHeaders);
        }
        var headers = new LinkedHashMap<String, String>();
        request.headers.forEach((name, values) -> {
            if (name != null && !values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        store.deliver(new WebhookDelivery(flowId, sync, store.clock.now(), Map.copyOf(headers), request.bodyText()));
        synchronized (store) {
            // The queued job runs the flow at once: one run, which comes to what the flow was set to. A flow
            // that uses a connection in ERROR makes none: 0.85.4 resolves the connection before the trigger
            // runs and stops there (seen on the running server, with a revoked OAuth2 grant).
            boolean connectionBroken = store.connections.values().stream()
                    .anyMatch(c -> "ERROR".equals(c.status)
                            && c.projectIds.contains(flow.projectId)
                            && flow.connectionIds.contains(c.externalId));
            if (!connectionBroken) {
                Instant created = store.clock.nextCreated();
                store.flowRuns.add(new Model.FlowRun(
                        store.ids.apId(),
                        flow,
                        created,
                        flow.runStatus,
                        created,
                        created.plusMillis(40),
                        flow.failedStep));
            }
        }
        if (sync) {
            return new Reply(flow.syncStatus, flow.syncBody, answerHeaders);
        }
        return new Reply(200, Map.of(), answerHeaders);
    }
}
