package org.gauzy.bridge.automation;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One run of a flow as the Flows tab shows it: status, when it was made, started and finished, how long it
 * took, and for a failure the step and Activepieces' message ({@code FlowRun}, flow-run/flow-run.ts
 * @66f43de175).
 */
record RunView(
        String id,
        String status,
        @Nullable Instant created,
        @Nullable Instant startTime,
        @Nullable Instant finishTime,
        @Nullable Long durationMs,
        @Nullable FailedStep failedStep,
        String url) {

    /** {@code FlowRunStatus} values of a run that has not ended. */
    static final Set<String> UNFINISHED = Set.of("QUEUED", "RUNNING", "PAUSED");

    record FailedStep(
            String name, String displayName, @Nullable String message) {}

    static RunView of(JsonNode run, String url) {
        Instant start = time(run.path("startTime"));
        Instant finish = time(run.path("finishTime"));
        JsonNode failed = run.path("failedStep");
        return new RunView(
                run.path("id").asString(),
                run.path("status").asString(),
                time(run.path("created")),
                start,
                finish,
                start != null && finish != null
                        ? Duration.between(start, finish).toMillis()
                        : null,
                failed.isObject()
                        ? new FailedStep(
                                failed.path("name").asString(),
                                failed.path("displayName")
                                        .asString(failed.path("name").asString()),
                                failed.path("message").isString()
                                        ? failed.path("message").asString()
                                        : null)
                        : null,
                url);
    }

    public boolean finished() {
        return !UNFINISHED.contains(status);
    }

    public boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }

    private static @Nullable Instant time(JsonNode value) {
        if (!value.isString()) {
            return null;
        }
        try {
            return Instant.parse(value.asString());
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
