package org.gauzy.bridge.workspace;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A task status, priority or size as the API returns it (Gauzy's fields). */
record TaskOptionView(
        UUID id,
        UUID tenantId,
        UUID organizationId,
        String name,
        String value,
        @Nullable String description,
        @Nullable String color,
        int order,
        boolean isSystem,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
