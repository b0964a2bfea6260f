package org.gauzy.bridge.workspace;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.gauzy.bridge.platform.OutboundEvent;

/**
 * A change in the workspace, published inside the transaction that made it ({@code task.created},
 * {@code project.updated}, …). {@code entity} is the changed thing exactly as the API returns it.
 * Publishing is cheap: no network call, no query per listener.
 */
public record WorkspaceEvent(
        String type, UUID tenantId, UUID organizationId, UUID entityId, Object entity, Instant occurredAt)
        implements OutboundEvent {

    /** Every event type the workspace publishes. */
    public static final List<String> TYPES = List.of(
            "task.created",
            "task.updated",
            "task.deleted",
            "employee.created",
            "employee.updated",
            "employee.deleted",
            "project.created",
            "project.updated",
            "timesheet.time-log.created",
            "timesheet.time-log.updated",
            "timer.started",
            "timer.stopped");
}
