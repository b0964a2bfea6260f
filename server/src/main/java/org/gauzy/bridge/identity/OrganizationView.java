package org.gauzy.bridge.identity;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An organization as the API returns it (Gauzy's field names). */
public record OrganizationView(
        UUID id,
        UUID tenantId,
        String name,
        @Nullable String officialName,
        boolean isActive,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
