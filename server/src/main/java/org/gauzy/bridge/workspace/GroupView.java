package org.gauzy.bridge.workspace;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A project or a team as the API returns it. */
record GroupView(
        UUID id,
        UUID tenantId,
        UUID organizationId,
        String name,
        @Nullable String description,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
