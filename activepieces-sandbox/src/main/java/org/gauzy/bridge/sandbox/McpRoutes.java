package org.gauzy.bridge.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gauzy.bridge.sandbox.Model.NamedMcpServer;
import org.gauzy.bridge.sandbox.Model.ProjectMcpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * MCP server management in the generation the chosen version has: B ({@code /v1/mcp-servers}, named
 * servers with tools, 21-character tokens) or D ({@code /v1/projects/:projectId/mcp-server}, one
 * server per project, {@code disabledTools}, 72-character tokens). Both let only signed-in users in
 * ({@code allowedPrincipals: [USER]}): generation B as {@code mcp/mcp-server/mcp-server-controller.ts}
 * and {@code mcp/mcp-service.ts} @be989f5cba (0.72.4), where a session acts in its own project: a server
 * is read and deleted only there (else 404 {@code MCP}), and an update or rotation of another project's
 * server is made and then refused by {@code entitiesMustBeOwnedByCurrentProject} (403).
 */
final class McpRoutes {

    private final Store store;
    private final Security security;
    private final ApVersion version;

    McpRoutes(Store store, Security security, ApVersion version) {
        this.store = store;
        this.security = security;
        this.version = version;
    }

    void register(Router router, ApVersion version) {
        if (version.mcpGeneration() == 'B') {
            router.add("POST", "/api/v1/mcp-servers", this::create)
                    .add("GET", "/api/v1/mcp-servers", this::list)
                    .add("GET", "/api/v1/mcp-servers/:id", this::get)
                    .add("POST", "/api/v1/mcp-servers/:id", this::update)
                    .add("POST", "/api/v1/mcp-servers/:id/rotate", this::rotate)
                    .add("DELETE", "/api/v1/mcp-servers/:id", this::delete);
        } else if (version.mcpGeneration() == 'C') {
            // mcp/mcp-server-controller.ts @8ac70bf20c registers GET '/:projectId' under the prefix
            // '/v1/projects/:projectId/mcp-server', so the read's path names the project twice.
            router.add("GET", "/api/v1/projects/:projectId/mcp-server/:again", this::statusServer)
                    .add("POST", "/api/v1/projects/:projectId/mcp-server", this::updateStatusServer)
                    .add("POST", "/api/v1/projects/:projectId/mcp-server/rotate", this::rotateStatusServer);
        } else {
            router.add("GET", "/api/v1/projects/:projectId/mcp-server", this::projectServer)
                    .add("POST", "/api/v1/projects/:projectId/mcp-server", this::updateProjectServer)
                    .add("POST", "/api/v1/projects/:projectId/mcp-server/rotate", this::rotateProjectServer);
        }
    }

    // Generation B

    private Reply create(Request request) {
        JsonNode body = Body.object(request.json(), "body");
        String name = Body.string(body, "name", "body");
        String projectId = Body.string(body, "projectId", "body");
        Principal principal = security.authenticateUser(request);
        synchronized (store) {
            security.project(principal, projectId);
            var server = new NamedMcpServer(
                    store.ids.apId(), store.clock.nextCreated(), name, projectId, store.ids.apId(), store.ids.apId());
            store.namedMcpServers.put(server.id, server);
            return Reply.ok(server.json());
        }
    }

    /** Newest first ({@code mcpService.list} orders by {@code created} descending). */
    private Reply list(Request request) {
        String projectId = request.query("projectId");
        if (projectId == null || projectId.isEmpty()) {
            throw ApError.validation("querystring/projectId", "Invalid input: expected string, received undefined");
        }
        int limit = Seek.limit(request, 10);
        String name = request.query("name");
        Principal principal = security.authenticateUser(request);
        synchronized (store) {
            security.project(principal, projectId);
            var matches = store.namedMcpServers.values().stream()
                    .filter(s -> s.projectId.equals(projectId))
                    .filter(s ->
                            name == null || s.name.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)))
                    .toList();
            var page = Seek.page(matches, s -> s.created.toEpochMilli(), false, request.query("cursor"), limit);
            return Reply.ok(ConnectionRoutes.seekPage(
                    page.data().stream().map(NamedMcpServer::json).toList(), page));
        }
    }

    private Reply get(Request request) {
        String id = Body.apId(request, "id");
        Principal principal = security.authenticateUser(request);
        synchronized (store) {
            return Reply.ok(enriched(inOwnProject(principal, id)));
        }
    }

    private Reply update(Request request) {
        String id = Body.apId(request, "id");
        JsonNode body = Body.object(request.json(), "body");
        String name = Body.optionalString(body, "name", "body");
        List<Map<String, @Nullable Object>> tools = body.has("tools") ? tools(body.get("tools")) : null;
        Principal principal = security.authenticateUser(request);
        synchronized (store) {
            NamedMcpServer server = anywhere(id);
            if (name != null) {
                server.name = name;
            }
            if (tools != null) {
                var now = store.clock.now();
                server.tools = tools.stream()
                        .map(tool -> {
                            var stored = new LinkedHashMap<String, @Nullable Object>();
                            stored.put("type", tool.get("type"));
                            stored.put("id", store.ids.apId());
                            stored.put("created", Model.iso(now));
                            stored.put("updated", Model.iso(now));
                            stored.put("externalId", store.ids.apId());
                            stored.put("toolName", tool.get("toolName"));
                            stored.put("mcpId", server.id);
                            tool.forEach((k, v) -> {
                                if (!k.equals("type") && !k.equals("toolName")) {
                                    stored.put(k, v);
                                }
                            });
                            return (Map<String, @Nullable Object>) stored;
                        })
                        .toList();
            }
            server.updated = store.clock.now();
            return Reply.ok(enriched(ownedByCurrentProject(principal, server)));
        }
    }

    private Reply rotate(Request request) {
        String id = Body.apId(request, "id");
        Principal principal = security.authenticateUser(request);
        synchronized (store) {
            NamedMcpServer server = anywhere(id);
            server.token = store.ids.apId();
            server.updated = store.clock.now();
            return Reply.ok(enriched(ownedByCurrentProject(principal, server)));
        }
    }

    private Reply delete(Request request) {
        String id = Body.apId(request, "id");
        Principal principal = security.authenticateUser(request);
        synchronized (store) {
            inOwnProject(principal, id);
            store.namedMcpServers.remove(id);
            return Reply.noContent();
        }
    }

    /** {@code getOrThrow({mcpId, projectId: principal.projectId})}. */
    private NamedMcpServer inOwnProject(Principal principal, String id) {
        NamedMcpServer server = store.namedMcpServers.get(id);
        if (server == null || !server.projectId.equals(principal.projectId())) {
            throw ApError.entityNotFound("MCP", id);
        }
        return server;
    }

    /** {@code update({mcpId})}: found by id alone. */
    private NamedMcpServer anywhere(String id) {
        NamedMcpServer server = store.namedMcpServers.get(id);
        if (server == null) {
            throw ApError.entityNotFound("MCP", id);
        }
        return server;
    }

    /** The {@code entitiesMustBeOwnedByCurrentProject} hook, after the change was made. */
    private static NamedMcpServer ownedByCurrentProject(Principal principal, NamedMcpServer server) {
        if (!server.projectId.equals(principal.projectId())) {
            throw ApError.authorization("not owned by current project");
        }
        return server;
    }

    /**
     * {@code getOrThrow}'s {@code enrichTool}: a tool's name is made from its action's or flow's name and
     * the first 4 characters of its id ({@code mcpToolNaming.fixTool}, {@code lib/mcp/mcp.ts} @be989f5cba);
     * a FLOW tool embeds its flow with the published version, and one whose flow is not in the project
     * makes the read fail with 404.
     */
    private Map<String, @Nullable Object> enriched(NamedMcpServer server) {
        var out = server.json();
        var tools = new ArrayList<Map<String, @Nullable Object>>();
        for (Map<String, @Nullable Object> tool : server.tools) {
            var copy = new LinkedHashMap<>(tool);
            String toolId = String.valueOf(tool.get("id"));
            if ("FLOW".equals(tool.get("type"))) {
                String flowId = String.valueOf(tool.get("flowId"));
                Model.Flow flow = store.flows.get(flowId);
                if (flow == null || !flow.projectId.equals(server.projectId)) {
                    throw ApError.entityNotFound("flow", flowId);
                }
                copy.put("flow", flow.json());
                copy.put("toolName", toolName(flow.displayName, toolId));
            } else {
                @SuppressWarnings("unchecked")
                var metadata = (Map<String, @Nullable Object>) tool.get("pieceMetadata");
                copy.put(
                        "toolName",
                        toolName(String.valueOf(metadata == null ? "" : metadata.get("actionName")), toolId));
            }
            tools.add(copy);
        }
        out.put("tools", tools);
        return out;
    }

    static String toolName(String name, String toolId) {
        String base = name.replaceAll("[\\s/@-]+", "_");
        String prefix = toolId.substring(0, Math.min(4, toolId.length()));
        return base.substring(0, Math.min(base.length(), 47 - prefix.length() - 1)) + "_" + prefix;
    }

    /** {@code McpToolRequest[]}: PIECE tools with piece metadata, FLOW tools with a flow id. */
    private static List<Map<String, @Nullable Object>> tools(JsonNode tools) {
        if (!tools.isArray()) {
            throw ApError.validation("body/tools", "Invalid input: expected array, received " + tools.getNodeType());
        }
        var out = new ArrayList<Map<String, @Nullable Object>>();
        for (int i = 0; i < tools.size(); i++) {
            String path = "body/tools/" + i;
            JsonNode tool = Body.object(tools.get(i), path);
            String type = Body.oneOf(Body.optionalString(tool, "type", path), Set.of("PIECE", "FLOW"), path + "/type");
            var item = new LinkedHashMap<String, @Nullable Object>();
            item.put("type", type);
            item.put("toolName", Body.string(tool, "toolName", path));
            if (type.equals("PIECE")) {
                JsonNode piece = Body.object(tool.path("pieceMetadata"), path + "/pieceMetadata");
                var metadata = new LinkedHashMap<String, @Nullable Object>();
                for (String field :
                        List.of("pieceName", "pieceVersion", "actionName", "actionDisplayName", "logoUrl")) {
                    metadata.put(field, Body.string(piece, field, path + "/pieceMetadata"));
                }
                metadata.put(
                        "connectionExternalId",
                        Body.optionalString(piece, "connectionExternalId", path + "/pieceMetadata"));
                item.put("pieceMetadata", metadata);
            } else {
                item.put("flowId", Body.string(tool, "flowId", path));
            }
            out.add(item);
        }
        return out;
    }

    // Generation C (0.73–0.82): one server per project that is ENABLED or DISABLED (mcp/mcp-service.ts
    // @8ac70bf20c: created DISABLED with a 72-character token on first read; users only)

    private Reply statusServer(Request request) {
        Principal principal = security.authenticateUser(request);
        synchronized (store) {
            return Reply.ok(projectServer(principal, request.param("projectId")).statusJson());
        }
    }

    private Reply updateStatusServer(Request request) {
        JsonNode body = Body.object(request.json(), "body");
        String status =
                Body.oneOf(Body.optionalString(body, "status", "body"), Set.of("ENABLED", "DISABLED"), "body/status");
        Principal principal = security.authenticateUser(request);
        synchronized (store) {
            ProjectMcpServer server = projectServer(principal, request.param("projectId"));
            server.status = status;
            server.updated = store.clock.now();
            return Reply.ok(server.statusJson());
        }
    }

    private Reply rotateStatusServer(Request request) {
        Principal principal = security.authenticateUser(request);
        synchronized (store) {
            ProjectMcpServer server = projectServer(principal, request.param("projectId"));
            server.token = store.ids.alphanumeric(72);
            server.updated = store.clock.now();
            return Reply.ok(server.statusJson());
        }
    }

    // Generation D

    private Reply projectServer(Request request) {
        String projectId = request.param("projectId");
        Principal principal = security.authenticateUser(request);
        synchronized (store) {
            return Reply.ok(projectServer(principal, projectId).json(version.mcpToolsField()));
        }
    }

    private Reply updateProjectServer(Request request) {
        String projectId = request.param("projectId");
        JsonNode body = Body.object(request.json(), "body");
        String field = version.mcpToolsField();
        List<String> disabled = body.has(field) ? Body.stringArray(body, field, "body") : null;
        Principal principal = security.authenticateUser(request);
        synchronized (store) {
            ProjectMcpServer server = projectServer(principal, projectId);
            if (disabled != null) {
                server.disabledTools = List.copyOf(disabled);
            }
            server.updated = store.clock.now();
            return Reply.ok(server.json(version.mcpToolsField()));
        }
    }

    private Reply rotateProjectServer(Request request) {
        String projectId = request.param("projectId");
        Principal principal = security.authenticateUser(request);
        synchronized (store) {
            ProjectMcpServer server = projectServer(principal, projectId);
            server.token = store.ids.alphanumeric(72);
            server.updated = store.clock.now();
            return Reply.ok(server.json(version.mcpToolsField()));
        }
    }

    /** Get-or-create: the first read of a project's server creates it. */
    private ProjectMcpServer projectServer(Principal principal, String projectId) {
        security.project(principal, projectId);
        return store.projectMcpServers.computeIfAbsent(
                projectId,
                id -> new ProjectMcpServer(
                        store.ids.apId(), store.clock.nextCreated(), id, store.ids.alphanumeric(72)));
    }
}
