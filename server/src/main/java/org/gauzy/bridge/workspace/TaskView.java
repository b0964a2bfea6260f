package org.gauzy.bridge.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A task as the API returns it (Gauzy's fields; {@code public} is Gauzy's name). Members, teams and
 * tags are always listed; {@code project}, {@code taskStatus}, {@code taskPriority}, {@code taskSize}
 * and {@code parent} appear when asked for with {@code relations}.
 */
record TaskView(
        UUID id,
        UUID tenantId,
        UUID organizationId,
        int number,
        String prefix,
        String taskNumber,
        String title,
        @Nullable String description,
        @Nullable String status,
        @Nullable String priority,
        @Nullable String size,
        @Nullable String issueType,
        @Nullable Integer estimate,
        @Nullable OffsetDateTime dueDate,
        @Nullable OffsetDateTime startDate,
        @Nullable OffsetDateTime resolvedAt,
        @JsonProperty("public") boolean isPublic,
        boolean isDraft,
        @Nullable UUID projectId,
        @Nullable UUID parentId,
        @Nullable UUID taskStatusId,
        @Nullable UUID taskPriorityId,
        @Nullable UUID taskSizeId,
        @Nullable UUID creatorId,
        List<Map<String, Object>> members,
        List<Map<String, Object>> teams,
        List<Map<String, Object>> tags,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable GroupView project,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable TaskOptionView taskStatus,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable TaskOptionView taskPriority,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable TaskOptionView taskSize,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Map<String, Object> parent,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Nullable OffsetDateTime deletedAt) {}
