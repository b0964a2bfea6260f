package org.gauzy.bridge.webhooks;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stored subscription. {@code filter} holds only the keys that constrain (a null or empty value from
 * the piece's optional fields constrains nothing); the signing secret stays sealed.
 */
record Subscription(
        UUID id,
        UUID tenantId,
        UUID organizationId,
        String name,
        String targetUrl,
        List<String> events,
        Map<String, String> filter,
        boolean active,
        String secretSealed,
        @Nullable UUID createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Nullable OffsetDateTime failingSince,
        @Nullable String disabledReason) {

    Subscription {
        events = List.copyOf(events);
        // In the order it was given, as the pages show it.
        filter = Collections.unmodifiableMap(new LinkedHashMap<>(filter));
    }

    /** Whether an event of this subscription's organization matches its event list and filter. */
    boolean matches(String event, Map<String, String> fields) {
        if (!active || !events.contains(event)) {
            return false;
        }
        for (var wanted : filter.entrySet()) {
            if (!wanted.getValue().equalsIgnoreCase(fields.getOrDefault(wanted.getKey(), ""))) {
                return false;
            }
        }
        return true;
    }
}
