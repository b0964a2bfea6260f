package org.gauzy.bridge.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** The entities the sandbox keeps in memory, and their JSON as Activepieces writes it. */
final class Model {

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Model() {}

    /** JavaScript's {@code toISOString()}: always milliseconds, always Z. */
    static String iso(Instant instant) {
        return ISO.format(instant);
    }

    /** {@code FailedStep}: the step's name, its display name (here the same) and the message. */
    static Map<String, String> failedStep(String name, @Nullable String message) {
        var out = new LinkedHashMap<String, String>();
        out.put("name", name);
        out.put("displayName", name);
        if (message != null) {
            // truncateFailedStepMessage: 700 characters, then "…" (shared flow-run.ts, utils.ts @66f43de175)
            out.put("message", message.length() > 700 ? message.substring(0, 700) + "\u2026" : message);
        }
        return out;
    }

    /** The fields every Activepieces entity starts with, in its order. */
    static Map<String, @Nullable Object> entity(String id, Instant created, Instant updated) {
        var out = new LinkedHashMap<String, @Nullable Object>();
        out.put("id", id);
        out.put("created", iso(created));
        out.put("updated", iso(updated));
        return out;
    }

    static final class Platform {
        final String id;
        String ownerId;

        Platform(String id, String ownerId) {
            this.id = id;
            this.ownerId = ownerId;
        }
    }

    static final class User {
        final String id;
        final String email;
        final String password;
        final String firstName;
        final String lastName;
        final String platformId;
        final String platformRole;
        final Instant created;

        User(
                String id,
                String email,
                String password,
                String firstName,
                String lastName,
                String platformId,
                String platformRole,
                Instant created) {
            this.id = id;
            this.email = email;
            this.password = password;
            this.firstName = firstName;
            this.lastName = lastName;
            this.platformId = platformId;
            this.platformRole = platformRole;
            this.created = created;
        }

        /** {@code UserWithMetaInformation}, as joined into connection lists. */
        Map<String, @Nullable Object> json() {
            var out = new LinkedHashMap<String, @Nullable Object>();
            out.put("id", id);
            out.put("email", email);
            out.put("firstName", firstName);
            out.put("lastName", lastName);
            out.put("status", "ACTIVE");
            out.put("externalId", null);
            out.put("platformId", platformId);
            out.put("platformRole", platformRole);
            out.put("created", iso(created));
            out.put("updated", iso(created));
            return out;
        }
    }

    static final class Project {
        /** Every sandbox project is a team project; Activepieces orders lists by type first. */
        static final String TYPE = "TEAM";

        final String id;
        final Instant created;
        Instant updated;
        final String ownerId;
        final String platformId;
        String displayName;

        @Nullable
        String externalId;

        @Nullable
        ObjectNode metadata;

        Project(
                String id,
                Instant created,
                String ownerId,
                String platformId,
                String displayName,
                @Nullable String externalId) {
            this.id = id;
            this.created = created;
            this.updated = created;
            this.ownerId = ownerId;
            this.platformId = platformId;
            this.displayName = displayName;
            this.externalId = externalId;
        }

        /** {@code ProjectWithLimits}. */
        Map<String, @Nullable Object> json() {
            var out = entity(id, created, updated);
            out.put("ownerId", ownerId);
            out.put("displayName", displayName);
            out.put("platformId", platformId);
            out.put("type", TYPE);
            out.put("icon", Map.of("color", "BLUE"));
            out.put("externalId", externalId);
            out.put("releasesEnabled", false);
            out.put("metadata", metadata);
            var plan = entity(id + "-plan", created, updated);
            plan.put("projectId", id);
            plan.put("locked", false);
            plan.put("name", "standard");
            plan.put("piecesFilterType", "NONE");
            plan.put("pieces", List.of());
            out.put("plan", plan);
            out.put("analytics", Map.of("totalUsers", 1, "activeUsers", 1, "totalFlows", 0, "activeFlows", 0));
            return out;
        }
    }

    static final class ApiKey {
        final String id;
        final String platformId;
        final String hashedValue;
        final String truncatedValue;

        @Nullable
        Instant lastUsedAt;

        ApiKey(String id, String platformId, String hashedValue, String truncatedValue) {
            this.id = id;
            this.platformId = platformId;
            this.hashedValue = hashedValue;
            this.truncatedValue = truncatedValue;
        }
    }

    /** A piece the server knows, with its OAuth2 definition when it has one. */
    record Piece(
            String name, List<String> versions, @Nullable OAuth2 auth) {

        /** {@code {prop}} placeholders in the URLs are filled from the connection's {@code props}. */
        record OAuth2(String authUrl, String tokenUrl, List<String> scope) {}

        String latestVersion() {
            return versions.get(versions.size() - 1);
        }
    }

    static final class Connection {
        final String id;
        final Instant created;
        Instant updated;
        final String externalId;
        String displayName;
        String type;
        String pieceName;
        String pieceVersion;
        final List<String> projectIds;
        final String platformId;
        final String scope = "PROJECT";
        String status;
        String ownerId;

        @Nullable
        ObjectNode metadata;
        /** Stored, never returned by any route. */
        @Nullable
        ObjectNode value;

        Connection(String id, Instant created, String externalId, String projectId, String platformId, String ownerId) {
            this.id = id;
            this.created = created;
            this.updated = created;
            this.externalId = externalId;
            this.projectIds = new ArrayList<>(List.of(projectId));
            this.platformId = platformId;
            this.ownerId = ownerId;
            this.displayName = "";
            this.type = "";
            this.pieceName = "";
            this.pieceVersion = "";
            this.status = "ACTIVE";
        }

        /** {@code AppConnectionWithoutSensitiveData}: everything but {@code value}. */
        Map<String, @Nullable Object> json() {
            var out = entity(id, created, updated);
            out.put("externalId", externalId);
            out.put("displayName", displayName);
            out.put("type", type);
            out.put("pieceName", pieceName);
            out.put("pieceVersion", pieceVersion);
            out.put("projectIds", List.copyOf(projectIds));
            out.put("platformId", platformId);
            out.put("scope", scope);
            out.put("status", status);
            out.put("ownerId", ownerId);
            out.put("metadata", metadata);
            out.put("preSelectForNewProjects", false);
            return out;
        }
    }

    /**
     * A published flow, as far as trigger URLs and MCP tools care: its project, name, whether it is on,
     * and what a sync call answers.
     */
    /**
     * A flow with its one version (what {@code GET /v1/flows} calls the latest): the trigger, the chain of
     * steps after it, the connections its steps use (external ids), and what a run of it comes to.
     */
    static final class Flow {
        final String id;
        final String projectId;
        String displayName;
        boolean enabled;
        final Instant created;
        Instant updated;
        /** The trigger's piece and trigger name; a null piece is an EMPTY trigger. */
        @Nullable
        String triggerPiece;

        @Nullable
        String triggerName;
        /** The steps after the trigger, in order: piece name and action name each. */
        List<Step> steps = List.of();

        List<String> connectionIds = List.of();
        /** What a run started by the trigger URL comes to: its status, and for a failure its failed step. */
        String runStatus = "SUCCEEDED";

        @Nullable
        Map<String, String> failedStep;

        int syncStatus = 200;
        Object syncBody = Map.of();

        Flow(String id, String projectId, boolean enabled, Instant created) {
            this.id = id;
            this.projectId = projectId;
            this.displayName = "Flow " + id.substring(0, 4);
            this.enabled = enabled;
            this.created = created;
            this.updated = created;
        }

        record Step(String name, String pieceName, String actionName, String displayName) {}

        /** What a FLOW tool embeds: the flow with its published version. */
        Map<String, @Nullable Object> json() {
            var out = new LinkedHashMap<String, @Nullable Object>();
            out.put("id", id);
            out.put("projectId", projectId);
            out.put("status", enabled ? "ENABLED" : "DISABLED");
            out.put("publishedVersionId", id + "v");
            out.put("version", Map.of("id", id + "v", "flowId", id, "displayName", displayName));
            return out;
        }

        /**
         * {@code PopulatedFlow} as {@code GET /v1/flows} answers it (flows/flow.ts, flow-version.ts,
         * triggers/trigger.ts @66f43de175): the flow, its latest version with the trigger and the steps
         * chained through {@code nextAction}, and {@code triggerSource} when the flow is enabled.
         */
        Map<String, @Nullable Object> populated() {
            var out = entity(id, created, updated);
            out.put("projectId", projectId);
            out.put("externalId", id);
            out.put("ownerId", null);
            out.put("folderId", null);
            out.put("status", enabled ? "ENABLED" : "DISABLED");
            out.put("publishedVersionId", id + "v");
            out.put("metadata", null);
            out.put("operationStatus", "NONE");
            out.put("timeSavedPerRun", null);
            out.put("templateId", null);
            out.put("createdBy", null);
            var version = entity(id + "v", created, updated);
            version.put("flowId", id);
            version.put("displayName", displayName);
            version.put("trigger", trigger());
            version.put("updatedBy", null);
            version.put("valid", true);
            version.put("schemaVersion", "22");
            version.put("agentIds", List.of());
            version.put("state", "LOCKED");
            version.put("connectionIds", connectionIds);
            version.put("backupFiles", null);
            version.put("notes", List.of());
            out.put("version", version);
            if (enabled) {
                out.put("triggerSource", Map.of());
            }
            return out;
        }

        private Map<String, @Nullable Object> trigger() {
            var trigger = new LinkedHashMap<String, @Nullable Object>();
            trigger.put("name", "trigger");
            trigger.put("valid", true);
            trigger.put("displayName", triggerPiece == null ? "Empty Trigger" : "Trigger");
            trigger.put("lastUpdatedDate", iso(updated));
            if (triggerPiece == null) {
                trigger.put("type", "EMPTY");
                trigger.put("settings", Map.of());
            } else {
                trigger.put("type", "PIECE_TRIGGER");
                var settings = new LinkedHashMap<String, @Nullable Object>();
                settings.put("propertySettings", Map.of());
                settings.put("pieceName", triggerPiece);
                settings.put("pieceVersion", "~0.1.0");
                settings.put("triggerName", triggerName);
                settings.put(
                        "input",
                        connectionIds.isEmpty()
                                ? Map.of()
                                : Map.of("auth", "{{connections['" + connectionIds.get(0) + "']}}"));
                trigger.put("settings", settings);
            }
            Map<String, @Nullable Object> next = null;
            for (int i = steps.size() - 1; i >= 0; i--) {
                Step step = steps.get(i);
                var action = new LinkedHashMap<String, @Nullable Object>();
                action.put("name", step.name());
                action.put("valid", true);
                action.put("displayName", step.displayName());
                action.put("lastUpdatedDate", iso(updated));
                action.put("type", "PIECE");
                action.put(
                        "settings",
                        Map.of(
                                "pieceName",
                                step.pieceName(),
                                "pieceVersion",
                                "~0.1.0",
                                "actionName",
                                step.actionName(),
                                "input",
                                Map.of(),
                                "propertySettings",
                                Map.of()));
                if (next != null) {
                    action.put("nextAction", next);
                }
                next = action;
            }
            if (next != null) {
                trigger.put("nextAction", next);
            }
            return trigger;
        }
    }

    /**
     * A run of a flow ({@code FlowRun}, flow-run/flow-run.ts @66f43de175): its status, times and, when it
     * failed, the step and message. {@code created} keeps microseconds, as PostgreSQL does; JSON shows
     * milliseconds, as JavaScript's Date does.
     */
    static final class FlowRun {
        final String id;
        final String projectId;
        final String flowId;
        final String flowDisplayName;
        final Instant created;
        final String status;
        final @Nullable Instant startTime;
        final @Nullable Instant finishTime;
        final @Nullable Map<String, String> failedStep;

        FlowRun(
                String id,
                Flow flow,
                Instant created,
                String status,
                @Nullable Instant startTime,
                @Nullable Instant finishTime,
                @Nullable Map<String, String> failedStep) {
            this.id = id;
            this.projectId = flow.projectId;
            this.flowId = flow.id;
            this.flowDisplayName = flow.displayName;
            this.created = created;
            this.status = status;
            this.startTime = startTime;
            this.finishTime = finishTime;
            this.failedStep = failedStep;
        }

        /** The run as the list answers it ({@code FlowRun} without {@code steps}); with them for one run. */
        Map<String, @Nullable Object> json(boolean withSteps) {
            var out = entity(id, created, finishTime != null ? finishTime : created);
            out.put("projectId", projectId);
            out.put("flowId", flowId);
            out.put("failParentOnFailure", true);
            out.put("tags", List.of());
            out.put("flowVersionId", flowId + "v");
            out.put("flowVersion", Map.of("displayName", flowDisplayName));
            out.put("logsFileId", null);
            out.put("status", status);
            out.put("startTime", startTime == null ? null : iso(startTime));
            out.put("finishTime", finishTime == null ? null : iso(finishTime));
            out.put("environment", "PRODUCTION");
            if (failedStep != null) {
                out.put("failedStep", failedStep);
            }
            out.put("archivedAt", null);
            out.put("stepsCount", failedStep == null ? 2 : 1);
            if (withSteps) {
                var steps = new LinkedHashMap<String, Object>();
                steps.put(
                        "trigger",
                        Map.of("type", "PIECE_TRIGGER", "status", "SUCCEEDED", "input", Map.of(), "output", Map.of()));
                if (failedStep != null) {
                    steps.put(
                            failedStep.get("name"),
                            Map.of(
                                    "type",
                                    "PIECE",
                                    "status",
                                    "FAILED",
                                    "input",
                                    Map.of(),
                                    "errorMessage",
                                    failedStep.getOrDefault("message", "")));
                }
                out.put("steps", steps);
            }
            return out;
        }
    }

    /** Generation B: many named servers per project, with tools. */
    static final class NamedMcpServer {
        final String id;
        final Instant created;
        Instant updated;
        String name;
        final String projectId;
        String token;
        final String externalId;
        List<Map<String, @Nullable Object>> tools = List.of();

        NamedMcpServer(String id, Instant created, String name, String projectId, String token, String externalId) {
            this.id = id;
            this.created = created;
            this.updated = created;
            this.name = name;
            this.projectId = projectId;
            this.token = token;
            this.externalId = externalId;
        }

        /** {@code McpWithTools}. */
        Map<String, @Nullable Object> json() {
            var out = entity(id, created, updated);
            out.put("name", name);
            out.put("projectId", projectId);
            out.put("token", token);
            out.put("externalId", externalId);
            out.put("tools", tools);
            return out;
        }
    }

    /** Generation D: one server per project. */
    static final class ProjectMcpServer {
        final String id;
        final Instant created;
        Instant updated;
        final String projectId;
        String token;
        /** The tool list the update sets (disabled tools from 0.85.2, enabled ones on 0.83); null until set. */
        @Nullable
        List<String> disabledTools;
        /** Generation C's switch: a server is made DISABLED. */
        String status = "DISABLED";

        ProjectMcpServer(String id, Instant created, String projectId, String token) {
            this.id = id;
            this.created = created;
            this.updated = created;
            this.projectId = projectId;
            this.token = token;
        }

        /** Generation C's {@code PopulatedMcpServer}: a status and no tool list. */
        Map<String, @Nullable Object> statusJson() {
            var out = entity(id, created, updated);
            out.put("projectId", projectId);
            out.put("status", status);
            out.put("token", token);
            out.put("flows", List.of());
            return out;
        }

        /**
         * {@code PopulatedMcpServer}, its tool list named as the release names it: {@code enabledTools}
         * on 0.83, {@code disabledTools} from 0.85.2.
         */
        Map<String, @Nullable Object> json(String toolsField) {
            var out = entity(id, created, updated);
            out.put("platformId", null);
            out.put("projectId", projectId);
            out.put("type", "PROJECT");
            out.put("token", token);
            out.put(toolsField, disabledTools);
            out.put("flows", List.of());
            return out;
        }
    }
}
