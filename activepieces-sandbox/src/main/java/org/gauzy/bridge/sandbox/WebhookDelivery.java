package org.gauzy.bridge.sandbox;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A POST that a flow's webhook URL received, with every header as sent (webhook signatures included). */
public record WebhookDelivery(
        String flowId, boolean sync, Instant receivedAt, Map<String, String> headers, String body) {

    public @Nullable String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
