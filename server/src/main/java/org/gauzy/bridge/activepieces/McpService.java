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

    McpService(ActivepiecesCalls calls, CredentialResolver keys, ProjectAccess projects, McpGeneration generations,
            JsonMapper json) {
        this.calls = calls;
        this.keys = keys;
        this.projects = projects;
        this.generations = generations;
        this.json = json;
    }

    SeekPage<ObjectNode> list(RequestContext context, String projectId, @Nullable Integer limit, @Nullable String cursor,
            @Nullable String name) {
        var key = keys.forOrganization(context, context.organizationId(), CredentialResolver.Need.USER);
        projects.require(context, key, projectId);
        if (generations.of(key, projectId) == McpGeneration.Generation.D) {
            return new SeekPage<>(List.of(fromProjectServer(calls.sendAsUser(key, projectId,
                    ActivepiecesHttp.Call.get("projects", projectId, "mcp-server")))), null, null);
        }
        JsonNode page = calls.sendAsUser(key, projectId, ActivepiecesHttp.Call.get("mcp-servers")
                .param("projectId", projectId)
                .param("limit", limit).param("cursor", cursor).param("name", name));
        var data = new ArrayList<ObjectNode>();
        page.path("data").forEach(server -> data.add(fromNamedServer(server)));
        return new SeekPage<>(data, page.path("next").asString(null), page.path("previous").asString(null));
    }

    ObjectNode get(RequestContext context, String serverId, @Nullable String projectId) {
        var key = keys.forOrganization(context, context.organizationId(), CredentialResolver.Need.USER);
        return locate(context, key, serverId, projectId).server();
    }

    /** Generation B: {@code name} and {@code tools}; generation D: {@code disabledTools}. */
    ObjectNode update(RequestContext context, String serverId, @Nullable String projectId, @Nullable String name,
            @Nullable List<JsonNode> tools, @Nullable List<String> disabledTools) {
        var key = keys.forOrganization(context, context.organizationId(), CredentialResolver.Need.USER);
        Located located = locate(context, key, serverId, projectId);
        if (located.generation() == McpGeneration.Generation.D) {
            if (name != null || tools != null) {
                throw new ApiException.BadRequest("This Activepieces has one MCP server per project, without a name "
                        + "or a tool list: send disabledTools");
            }
            var body = new LinkedHashMap<String, Object>();
            if (disabledTools != null) {
                body.put("disabledTools", disabledTools);
            }
            return fromProjectServer(calls.sendAsUser(key, located.projectId(),
                    ActivepiecesHttp.Call.post(body, "projects", located.projectId(), "mcp-server")));
        }
        if (disabledTools != null) {
            throw new ApiException.BadRequest("This Activepieces (MCP generation B) has named servers with tools: "
                    + "send name and tools");
        }
        var body = new LinkedHashMap<String, Object>();
        if (name != null) {
            body.put("name", name);
        }
        if (tools != null) {
            body.put("tools", tools);
        }
        return fromNamedServer(calls.sendAsUser(key, located.projectId(),
                ActivepiecesHttp.Call.post(body, "mcp-servers", serverId)));
    }

    /** Rotates the token; the new token is not shown (the client of the MCP server gets it from Activepieces). */
    ObjectNode rotate(RequestContext context, String serverId, @Nullable String projectId) {
        var key = keys.forOrganization(context, context.organizationId(), CredentialResolver.Need.USER);
        Located located = locate(context, key, serverId, projectId);
        if (located.generation() == McpGeneration.Generation.D) {
            return fromProjectServer(calls.sendAsUser(key, located.projectId(),
                    ActivepiecesHttp.Call.post(Map.of(), "projects", located.projectId(), "mcp-server", "rotate")));
        }
        return fromNamedServer(calls.sendAsUser(key, located.projectId(),
                ActivepiecesHttp.Call.post(Map.of(), "mcp-servers", serverId, "rotate")));
    }

    private record Located(McpGeneration.Generation generation, String projectId, ObjectNode server) {
    }

    /**
     * Finds the server and checks the caller may use its project: generation B reads the server by id;
     * generation D needs the project, whose one server must have this id.
     */
    private Located locate(RequestContext context, Credential key, String serverId,
            @Nullable String projectId) {
        ActivepiecesIds.require("serverId", serverId);
        if (projectId != null) {
            projects.require(context, key, projectId);
        }
        // Without a project only generation B can find a server; generation D answers "Route not found" below.
        if (projectId != null && generations.of(key, projectId) == McpGeneration.Generation.D) {
            ObjectNode server = fromProjectServer(calls.sendAsUser(key, projectId,
                    ActivepiecesHttp.Call.get("projects", projectId, "mcp-server")));
            if (!serverId.equals(server.path("id").asString())) {
                throw new ApiException.NotFound("MCP server", serverId);
            }
            return new Located(McpGeneration.Generation.D, projectId, server);
        }
        JsonNode raw;
        try {
            raw = calls.sendAsUser(key, projectId, ActivepiecesHttp.Call.get("mcp-servers", serverId));
        } catch (ActivepiecesFailure failure) {
            if (failure.upstreamStatus == 404 && failure.upstreamCode == null) {
                throw new ApiException.BadRequest("This Activepieces has one MCP server per project: "
                        + "send projectId with the server id");
            }
            throw failure;
        }
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
        ArrayNode tools = server.path("tools").isArray() ? (ArrayNode) server.path("tools").deepCopy()
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
        ArrayNode disabled = server.path("disabledTools").isArray() ? (ArrayNode) server.path("disabledTools").deepCopy()
                : json.createArrayNode();
        out.set("disabledTools", disabled);
        out.set("flows", withoutTokens(server.path("flows").isArray() ? server.path("flows").deepCopy()
                : json.createArrayNode()));
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
