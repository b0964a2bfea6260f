package org.gauzy.bridge.workspace;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.gauzy.bridge.identity.UserView;
import org.jspecify.annotations.Nullable;

/** An employee as the API returns it, with its user (Gauzy's {@code relations[0]=user}). */
record EmployeeView(
        UUID id,
        UUID tenantId,
        UUID organizationId,
        UUID userId,
        boolean isActive,
        @Nullable UserView user,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Nullable OffsetDateTime deletedAt) {}
