package org.gauzy.bridge.activepieces;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresPermission;
import org.gauzy.bridge.pages.PageController;
import org.gauzy.bridge.pages.Pages;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP servers tab: a project's servers in our one shape for both Activepieces generations;
 * rename and edit tools (generation B), disabled tools (generation D), rotate the token. The token
 * itself never reaches the page.
 */
@PageController
class McpPages {

    /** A server as the page shows it; {@code tools} is the editable text (JSON or one name per line). */
    record ServerRow(
            String id,
            String name,
            String generation,
            int toolCount,
            List<String> disabledTools,
            String created,
            String tools) {}

    private final SetupService setup;
    private final McpService mcp;
    private final ProjectAccess projects;
    private final CredentialResolver keys;
    private final JsonMapper json;

    McpPages(SetupService setup, McpService mcp, ProjectAccess projects, CredentialResolver keys, JsonMapper json) {
        this.setup = setup;
        this.mcp = mcp;
        this.projects = projects;
        this.keys = keys;
        this.json = json;
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_VIEW,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @GetMapping(SetupPages.BASE + "/{integrationId}/mcp")
    ModelAndView list(
            RequestContext context,
            @PathVariable UUID integrationId,
            @RequestParam(required = false) @Nullable String projectId,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String notice) {
        return page(context, integrationId, projectId, cursor, null, PageNotices.text(notice), HttpStatus.OK);
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @PostMapping(SetupPages.BASE + "/{integrationId}/mcp/{serverId}/rename")
    ModelAndView rename(
            RequestContext context,
            @PathVariable UUID integrationId,
            @PathVariable String serverId,
            @RequestParam String projectId,
            @RequestParam(required = false) @Nullable String name) {
        if (name == null || name.isBlank() || name.length() > 255) {
            return page(
                    context,
                    integrationId,
                    projectId,
                    null,
                    "A server's name is 1 to 255 characters.",
                    null,
                    HttpStatus.BAD_REQUEST);
        }
        return change(
                context,
                integrationId,
                projectId,
                "mcp-renamed",
                () -> mcp.update(context, serverId, projectId, new McpService.Changes(name.trim(), null, null, null)));
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @PostMapping(SetupPages.BASE + "/{integrationId}/mcp/{serverId}/tools")
    ModelAndView tools(
            RequestContext context,
            @PathVariable UUID integrationId,
            @PathVariable String serverId,
            @RequestParam String projectId,
            @RequestParam String generation,
            @RequestParam(required = false, defaultValue = "") String tools) {
        if ("D".equals(generation)) {
            List<String> disabled = Arrays.stream(tools.split("[\\r\\n,]+"))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .distinct()
                    .toList();
            return change(
                    context,
                    integrationId,
                    projectId,
                    "mcp-tools",
                    () -> mcp.update(context, serverId, projectId, new McpService.Changes(null, null, disabled, null)));
        }
        List<JsonNode> list = new ArrayList<>();
        try {
            JsonNode parsed = json.readTree(tools.isBlank() ? "[]" : tools);
            if (!parsed.isArray()) {
                throw new IllegalArgumentException();
            }
            parsed.forEach(list::add);
            if (list.isEmpty() || list.stream().anyMatch(tool -> !tool.isObject())) {
                throw new IllegalArgumentException();
            }
        } catch (JacksonException | IllegalArgumentException malformed) {
            return page(
                    context,
                    integrationId,
                    projectId,
                    null,
                    "Tools must be a JSON list of tool objects, such as "
                            + "[{\"type\":\"PIECE\",\"pieceMetadata\":{…}}], with at least one tool.",
                    null,
                    HttpStatus.BAD_REQUEST);
        }
        return change(
                context,
                integrationId,
                projectId,
                "mcp-tools",
                () -> mcp.update(context, serverId, projectId, new McpService.Changes(null, list, null, null)));
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @PostMapping(SetupPages.BASE + "/{integrationId}/mcp/{serverId}/rotate")
    ModelAndView rotate(
            RequestContext context,
            @PathVariable UUID integrationId,
            @PathVariable String serverId,
            @RequestParam String projectId) {
        return change(context, integrationId, projectId, "mcp-rotated", () -> mcp.rotate(context, serverId, projectId));
    }

    private ModelAndView change(
            RequestContext context, UUID integrationId, String projectId, String notice, Runnable action) {
        try {
            action.run();
        } catch (ApiException refused) {
            return page(context, integrationId, projectId, null, refused.getMessage(), null, refused.status());
        }
        return Pages.seeOther(
                SetupPages.BASE + "/" + integrationId + "/mcp", Map.of("projectId", projectId, "notice", notice));
    }

    private ModelAndView page(
            RequestContext context,
            UUID integrationId,
            @Nullable String projectId,
            @Nullable String cursor,
            @Nullable String error,
            @Nullable String notice,
            HttpStatus status) {
        var model = new HashMap<String, Object>();
        model.put("installation", setup.installation(context, integrationId));
        model.put("tab", "mcp");
        Pages.putIfPresent(model, "notice", notice);
        String project = projectId == null || projectId.isBlank() ? null : projectId.trim();
        List<ProjectAccess.Choice> options = List.of();
        String problem = error;
        try {
            options = projects.choices(context, keys.forIntegration(context, integrationId));
            if (project == null && !options.isEmpty()) {
                project = options.get(0).id();
            }
            if (project != null) {
                var page = mcp.list(context, project, 20, cursor, null);
                model.put("servers", page.data().stream().map(this::row).toList());
                Pages.putIfPresent(model, "next", page.next());
                Pages.putIfPresent(model, "previous", page.previous());
            }
        } catch (ApiException refused) {
            if (problem == null) {
                problem = refused.getMessage().contains(CredentialResolver.USER_NEEDED)
                        ? "Activepieces lets only signed-in users manage MCP servers, not API keys: add an "
                                + "Activepieces user's email and password under Overview → Re-integrate."
                        : refused.status() == HttpStatus.UNPROCESSABLE_CONTENT
                                ? refused.getMessage()
                                : "Activepieces did not answer as expected: " + refused.getMessage();
            }
        }
        model.put("projects", options);
        Pages.putIfPresent(model, "projectId", project);
        Pages.putIfPresent(model, "error", problem);
        return Pages.view("activepieces/mcp", status, model);
    }

    private ServerRow row(ObjectNode server) {
        var disabled = new ArrayList<String>();
        server.path("disabledTools").forEach(t -> disabled.add(t.asString()));
        String generation = server.path("generation").asString();
        String tools = "D".equals(generation)
                ? String.join("\n", disabled)
                : json.writerWithDefaultPrettyPrinter().writeValueAsString(server.path("tools"));
        return new ServerRow(
                server.path("id").asString(),
                server.path("name").asString(),
                generation,
                server.path("toolCount").asInt(),
                disabled,
                server.path("created").asString(""),
                tools);
    }
}
