package org.gauzy.bridge.activepieces;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MCP servers in one shape of ours, whichever generation Activepieces has:
 * {@code {id, projectId, name, generation, created, updated, tools, disabledTools, toolCount}}.
 * Generation B has named servers with tools; generation D one server per project, where an update
 * sets {@code disabledTools}. No {@code token} ever leaves, at any depth. Every call is made as the
 * installation's Activepieces user: Activepieces refuses API keys on MCP routes in both generations
 * ({@code allowedPrincipals: [USER]} in {@code mcp/mcp-server/mcp-server-controller.ts} @be989f5cba and
 * {@code mcp/mcp-server-controller.ts} @66f43de175).
 */
@Service
class McpService {

    private final ActivepiecesCalls calls;
    private final CredentialResolver keys;
    private final ProjectAccess projects;
    private final McpGeneration generations;
    private final JsonMapper json;

    McpService(
            ActivepiecesCalls calls,
            CredentialResolver keys,
            ProjectAccess projects,
            McpGeneration generations,
            JsonMapper json) {
        this.calls = calls;
        this.keys = keys;
        this.projects = projects;
        this.generations = generations;
        this.json = json;
    }

    SeekPage<ObjectNode> list(
            RequestContext context,
            String projectId,
            @Nullable Integer limit,
            @Nullable String cursor,
            @Nullable String name) {
        var key = keys.forOrganization(context, context.organizationId(), CredentialResolver.Need.USER);
        projects.require(context, key, projectId);
        if (generations.current() == McpGeneration.Generation.D) {
            return new SeekPage<>(
                    List.of(fromProjectServer(calls.sendAsUser(
                            key, projectId, ActivepiecesHttp.Call.get("projects", projectId, "mcp-server")))),
                    null,
                    null);
        }
        JsonNode page = calls.sendAsUser(
                key,
                projectId,
                ActivepiecesHttp.Call.get("mcp-servers")
                        .param("projectId", projectId)
                        .param("limit", limit)
                        .param("cursor", cursor)
                        .param("name", name));
        var data = new ArrayList<ObjectNode>();
        page.path("data").forEach(server -> data.add(fromNamedServer(server)));
        return new SeekPage<>(
                data, page.path("next").asString(null), page.path("previous").asString(null));
    }

    ObjectNode get(RequestContext context, String serverId, @Nullable String projectId) {
        var key = keys.forOrganization(context, context.organizationId(), CredentialResolver.Need.USER);
        return locate(context, key, serverId, projectId).server();
    }

    /** What an update may change; each release reads some of it. */
    record Changes(
            @Nullable String name,
            @Nullable List<JsonNode> tools,
            @Nullable List<String> disabledTools,
            @Nullable List<String> enabledTools) {}

    /**
     * Generation B: {@code name} and {@code tools}. Generation D: the project server's tool list, which
     * 0.83 keeps as {@code enabledTools} and 0.85.2 on as {@code disabledTools} (dce719d82c); the server
     * as read says which, and a field that release does not read is refused rather than sent.
     */
    ObjectNode update(RequestContext context, String serverId, @Nullable String projectId, Changes changes) {
        var key = keys.forOrganization(context, context.organizationId(), CredentialResolver.Need.USER);
        Located located = locate(context, key, serverId, projectId);
        if (located.generation() == McpGeneration.Generation.D) {
            if (changes.name() != null || changes.tools() != null) {
                throw new ApiException.BadRequest("This Activepieces has one MCP server per project, without a name "
                        + "or a tool list: send " + toolsField(located.server()));
            }
            String field = toolsField(located.server());
            List<String> wrong = field.equals(ENABLED_TOOLS) ? changes.disabledTools() : changes.enabledTools();
            if (wrong != null) {
                throw new ApiException.BadRequest("This Activepieces keeps the MCP server's "
                        + (field.equals(ENABLED_TOOLS)
                                ? "enabled tools (0.83): send enabledTools"
                                : "disabled tools (0.85.2 on): send disabledTools"));
            }
            List<String> list = field.equals(ENABLED_TOOLS) ? changes.enabledTools() : changes.disabledTools();
            var body = new LinkedHashMap<String, Object>();
            if (list != null) {
                body.put(field, list);
            }
            return fromProjectServer(calls.sendAsUser(
                    key,
                    located.projectId(),
                    ActivepiecesHttp.Call.post(body, "projects", located.projectId(), "mcp-server")));
        }
        if (changes.disabledTools() != null || changes.enabledTools() != null) {
            throw new ApiException.BadRequest(
                    "This Activepieces (MCP generation B) has named servers with tools: send name and tools");
        }
        var body = new LinkedHashMap<String, Object>();
        if (changes.name() != null) {
            body.put("name", changes.name());
        }
        if (changes.tools() != null) {
            body.put("tools", changes.tools());
        }
        return fromNamedServer(
                calls.sendAsUser(key, located.projectId(), ActivepiecesHttp.Call.post(body, "mcp-servers", serverId)));
    }

    private static final String ENABLED_TOOLS = "enabledTools";

    /** The field our shape says the release uses (see {@link #fromProjectServer}). */
    private static String toolsField(ObjectNode server) {
        return server.has(ENABLED_TOOLS) ? ENABLED_TOOLS : "disabledTools";
    }

    /** Rotates the token; the new token is not shown (the client of the MCP server gets it from Activepieces). */
    ObjectNode rotate(RequestContext context, String serverId, @Nullable String projectId) {
        var key = keys.forOrganization(context, context.organizationId(), CredentialResolver.Need.USER);
        Located located = locate(context, key, serverId, projectId);
        if (located.generation() == McpGeneration.Generation.D) {
            return fromProjectServer(calls.sendAsUser(
                    key,
                    located.projectId(),
                    ActivepiecesHttp.Call.post(Map.of(), "projects", located.projectId(), "mcp-server", "rotate")));
        }
        return fromNamedServer(calls.sendAsUser(
                key, located.projectId(), ActivepiecesHttp.Call.post(Map.of(), "mcp-servers", serverId, "rotate")));
    }

    private record Located(McpGeneration.Generation generation, String projectId, ObjectNode server) {}

    /**
     * Finds the server and checks the caller may use its project: generation B reads the server by id;
     * generation D needs the project, whose one server must have this id.
     */
    private Located locate(RequestContext context, Credential key, String serverId, @Nullable String projectId) {
        ActivepiecesIds.require("serverId", serverId);
        if (projectId != null) {
            projects.require(context, key, projectId);
        }
        McpGeneration.Generation generation = generations.current();
        if (generation == McpGeneration.Generation.D) {
            if (projectId == null) {
                throw new ApiException.BadRequest(
                        "This Activepieces has one MCP server per project: send projectId with the server id");
            }
            ObjectNode server = fromProjectServer(
                    calls.sendAsUser(key, projectId, ActivepiecesHttp.Call.get("projects", projectId, "mcp-server")));
            if (!serverId.equals(server.path("id").asString())) {
                throw new ApiException.NotFound("MCP server", serverId);
            }
            return new Located(McpGeneration.Generation.D, projectId, server);
        }
        JsonNode raw = calls.sendAsUser(key, projectId, ActivepiecesHttp.Call.get("mcp-servers", serverId));
        String serverProject = raw.path("projectId").asString();
        projects.require(context, key, serverProject);
        if (projectId != null && !projectId.equals(serverProject)) {
            throw new ApiException.NotFound("MCP server", serverId);
        }
        return new Located(McpGeneration.Generation.B, serverProject, fromNamedServer(raw));
    }

    private ObjectNode fromNamedServer(JsonNode server) {
        ObjectNode out = json.createObjectNode();
        out.put("id", server.path("id").asString());
        out.put("projectId", server.path("projectId").asString());
        out.put("name", server.path("name").asString());
        out.put("generation", "B");
        out.set("created", server.path("created"));
        out.set("updated", server.path("updated"));
        ArrayNode tools = server.path("tools").isArray()
                ? (ArrayNode) server.path("tools").deepCopy()
                : json.createArrayNode();
        out.set("tools", withoutTokens(tools));
        out.set("disabledTools", json.createArrayNode());
        out.put("toolCount", tools.size());
        return out;
    }

    private ObjectNode fromProjectServer(JsonNode server) {
        ObjectNode out = json.createObjectNode();
        out.put("id", server.path("id").asString());
        out.put("projectId", server.path("projectId").asString());
        out.put("name", "Project MCP server");
        out.put("generation", "D");
        out.set("created", server.path("created"));
        out.set("updated", server.path("updated"));
        out.set("tools", json.createArrayNode());
        ArrayNode disabled = server.path("disabledTools").isArray()
                ? (ArrayNode) server.path("disabledTools").deepCopy()
                : json.createArrayNode();
        out.set("disabledTools", disabled);
        if (server.has(ENABLED_TOOLS)) {
            // 0.83 keeps the tools that are on (null: all of them) instead.
            out.set(
                    ENABLED_TOOLS,
                    server.path(ENABLED_TOOLS).isArray()
                            ? server.path(ENABLED_TOOLS).deepCopy()
                            : json.nullNode());
        }
        out.set(
                "flows",
                withoutTokens(
                        server.path("flows").isArray() ? server.path("flows").deepCopy() : json.createArrayNode()));
        out.put("toolCount", server.path("flows").size());
        return out;
    }

    /** Removes every field named {@code token}, at any depth. */
    static JsonNode withoutTokens(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("token");
            object.properties().forEach(e -> withoutTokens(e.getValue()));
        } else if (node instanceof ArrayNode array) {
            array.forEach(McpService::withoutTokens);
        }
        return node;
    }
}
