package org.gauzy.bridge.workspace;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A time log as the API returns it; {@code duration} is in seconds, up to now while it runs. */
record TimeLogView(
        UUID id,
        UUID tenantId,
        UUID organizationId,
        UUID employeeId,
        OffsetDateTime startedAt,
        @Nullable OffsetDateTime stoppedAt,
        long duration,
        boolean isRunning,
        String logType,
        String source,
        boolean isBillable,
        @Nullable String description,
        @Nullable UUID projectId,
        @Nullable UUID taskId,
        @Nullable UUID organizationTeamId,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static TimeLogView of(TimeLogRepository.TimeLog t, OffsetDateTime now) {
        OffsetDateTime end = t.stoppedAt() == null ? now : t.stoppedAt();
        return new TimeLogView(
                t.id(),
                t.tenantId(),
                t.organizationId(),
                t.employeeId(),
                t.startedAt(),
                t.stoppedAt(),
                Math.max(0, Duration.between(t.startedAt(), end).toSeconds()),
                t.isRunning(),
                t.logType(),
                t.source(),
                t.isBillable(),
                t.description(),
                t.projectId(),
                t.taskId(),
                t.organizationTeamId(),
                t.createdAt(),
                t.updatedAt());
    }
}
