package org.gauzy.bridge.workspace;

import java.time.Instant;
import java.util.UUID;

/**
 * A change in the workspace, published inside the transaction that made it ({@code task.created},
 * {@code project.updated}, …). {@code entity} is the changed thing exactly as the API returns it.
 * Publishing is cheap: no network call, no query per listener.
 */
public record WorkspaceEvent(String type, UUID tenantId, UUID organizationId, UUID entityId, Object entity,
        Instant occurredAt) {
}
