package org.gauzy.bridge.workspace;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A task as stored: whose it is and its number, what a caller writes ({@link Details}), the organization's
 * options it names ({@link Options}), and its times. Creating, numbering, editing, choosing options and
 * deleting each change only their part.
 */
record Task(
        UUID id,
        UUID tenantId,
        UUID organizationId,
        int number,
        String prefix,
        Details details,
        Options options,
        @Nullable UUID creatorId,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Nullable OffsetDateTime deletedAt) {

    /** What a caller writes on a task. */
    record Details(
            String title,
            @Nullable String description,
            @Nullable String issueType,
            @Nullable Integer estimate,
            @Nullable OffsetDateTime dueDate,
            @Nullable OffsetDateTime startDate,
            @Nullable OffsetDateTime resolvedAt,
            boolean isPublic,
            boolean isDraft,
            @Nullable UUID projectId,
            @Nullable UUID parentId) {}

    /** A status, priority or size: its text and, when it names one of the organization's options, that option. */
    record Choice(@Nullable String text, @Nullable UUID id) {
        static final Choice NONE = new Choice(null, null);
    }

    /** The task's status, priority and size. */
    record Options(Choice status, Choice priority, Choice size) {
        static final Options NONE = new Options(Choice.NONE, Choice.NONE, Choice.NONE);

        Choice choice(TaskOptionKind kind) {
            return switch (kind) {
                case STATUS -> status;
                case PRIORITY -> priority;
                case SIZE -> size;
            };
        }
    }

    /** A new task: no options yet, and number 0 until it takes the next number of its project. */
    static Task created(
            UUID id,
            UUID tenant,
            UUID organization,
            String prefix,
            Details details,
            @Nullable UUID creator,
            OffsetDateTime now) {
        return new Task(id, tenant, organization, 0, prefix, details, Options.NONE, creator, now, now, null);
    }

    Task numbered(int newNumber) {
        return new Task(
                id,
                tenantId,
                organizationId,
                newNumber,
                prefix,
                details,
                options,
                creatorId,
                createdAt,
                updatedAt,
                deletedAt);
    }

    Task with(Options newOptions) {
        return new Task(
                id,
                tenantId,
                organizationId,
                number,
                prefix,
                details,
                newOptions,
                creatorId,
                createdAt,
                updatedAt,
                deletedAt);
    }

    Task changed(Details newDetails, OffsetDateTime at) {
        return new Task(
                id, tenantId, organizationId, number, prefix, newDetails, options, creatorId, createdAt, at, deletedAt);
    }

    Task deleted(OffsetDateTime at) {
        return new Task(id, tenantId, organizationId, number, prefix, details, options, creatorId, createdAt, at, at);
    }
}
