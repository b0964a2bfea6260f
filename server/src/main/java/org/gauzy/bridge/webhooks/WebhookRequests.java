package org.gauzy.bridge.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The bodies and answers of the subscription API. */
final class WebhookRequests {

    private WebhookRequests() {}

    /** What the piece sends: {@code {name, targetUrl, tenantId, organizationId, events, filter, active}}. */
    record Save(
            @Nullable @Size(max = 200) String name,
            @Nullable @Size(max = 2048) String targetUrl,
            @Nullable List<String> events,
            @Nullable Map<String, @Nullable Object> filter,
            @Nullable Boolean active) {}

    /** A subscription as the API shows it; {@code secret} only in the answer that created it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(
            UUID id,
            String name,
            String targetUrl,
            UUID tenantId,
            UUID organizationId,
            List<String> events,
            Map<String, String> filter,
            boolean active,
            @Nullable OffsetDateTime failingSince,
            @Nullable String disabledReason,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            @Nullable String secret) {

        static View of(Subscription s, @Nullable String secret) {
            return new View(
                    s.id(),
                    s.name(),
                    s.targetUrl(),
                    s.tenantId(),
                    s.organizationId(),
                    s.events(),
                    s.filter(),
                    s.active(),
                    s.failingSince(),
                    s.disabledReason(),
                    s.createdAt(),
                    s.updatedAt(),
                    secret);
        }
    }
}
