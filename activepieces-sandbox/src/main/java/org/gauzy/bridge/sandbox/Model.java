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

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Model() {
    }

    /** JavaScript's {@code toISOString()}: always milliseconds, always Z. */
    static String iso(Instant instant) {
        return ISO.format(instant);
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

        User(String id, String email, String password, String firstName, String lastName, String platformId,
                String platformRole, Instant created) {
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
        @Nullable String externalId;
        @Nullable ObjectNode metadata;

        Project(String id, Instant created, String ownerId, String platformId, String displayName,
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
        @Nullable Instant lastUsedAt;

        ApiKey(String id, String platformId, String hashedValue, String truncatedValue) {
            this.id = id;
            this.platformId = platformId;
            this.hashedValue = hashedValue;
            this.truncatedValue = truncatedValue;
        }
    }

    /** A piece the server knows, with its OAuth2 definition when it has one. */
    record Piece(String name, List<String> versions, @Nullable OAuth2 auth) {

        /** {@code {prop}} placeholders in the URLs are filled from the connection's {@code props}. */
        record OAuth2(String authUrl, String tokenUrl, List<String> scope) {
        }

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
        @Nullable ObjectNode metadata;
        /** Stored, never returned by any route. */
        @Nullable ObjectNode value;

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
    static final class Flow {
        final String id;
        final String projectId;
        final String displayName;
        boolean enabled;
        int syncStatus = 200;
        Object syncBody = Map.of();

        Flow(String id, String projectId, boolean enabled) {
            this.id = id;
            this.projectId = projectId;
            this.displayName = "Flow " + id.substring(0, 4);
            this.enabled = enabled;
        }

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
        @Nullable List<String> disabledTools;
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
