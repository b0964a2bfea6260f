package org.gauzy.bridge.sandbox;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code POST /api/v1/webhooks/:flowId} (and {@code /sync}): a flow's trigger URL, which records what it receives. */
final class WebhookRoutes {

    private final Store store;

    WebhookRoutes(Store store) {
        this.store = store;
    }

    void register(Router router) {
        router.add("POST", "/api/v1/webhooks/:flowId", request -> receive(request, false))
                .add("POST", "/api/v1/webhooks/:flowId/sync", request -> receive(request, true));
    }

    private Reply receive(Request request, boolean sync) {
        var headers = new LinkedHashMap<String, String>();
        request.headers.forEach((name, values) -> {
            if (name != null && !values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        store.deliver(new WebhookDelivery(request.param("flowId"), sync, store.clock.now(), Map.copyOf(headers),
                request.bodyText()));
        return Reply.ok(Map.of());
    }
}
