package org.gauzy.bridge.activepieces;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.gauzy.bridge.identity.FirstPartyOnly;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresPermission;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Gauzy's MCP routes, for the organization the request acts in. {@code projectId} is required to list
 * and, on an Activepieces with one server per project, to address a server.
 */
@FirstPartyOnly
@RestController
@RequestMapping("/api/integration/activepieces/mcp")
class McpController {

    /** {@code name} and {@code tools} (0.56–0.72), {@code enabledTools} (0.83) or {@code disabledTools} (0.85.2 on). */
    record UpdateRequest(
            @Size(min = 1, max = 255) @Nullable String name,
            @Size(min = 1) @Nullable List<JsonNode> tools,
            @Nullable List<String> disabledTools,
            @Nullable List<String> enabledTools) {}

    private final McpService mcp;

    McpController(McpService mcp) {
        this.mcp = mcp;
    }

    @RequiresPermission(value = Permission.INTEGRATION_VIEW, organization = OrganizationFrom.REQUEST)
    @GetMapping
    SeekPage<JsonNode> list(
            RequestContext context,
            @RequestParam(required = false) @Nullable String projectId,
            @RequestParam(required = false) @Min(1) @Max(100) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String name) {
        if (projectId == null || projectId.isBlank()) {
            throw new ApiException.BadRequest(
                    "projectId is required: the Activepieces project whose MCP servers to list");
        }
        // Declared as JsonNode: the API document's schema generator reads types with Jackson 2, which fails on
        // Jackson 3's ObjectNode.
        var page =
                mcp.list(context, projectId.trim(), limit, cursor, name == null || name.isBlank() ? null : name.trim());
        return new SeekPage<>(List.copyOf(page.data()), page.next(), page.previous());
    }

    @RequiresPermission(value = Permission.INTEGRATION_VIEW, organization = OrganizationFrom.REQUEST)
    @GetMapping("/{serverId}")
    JsonNode get(
            RequestContext context,
            @PathVariable String serverId,
            @RequestParam(required = false) @Nullable String projectId) {
        return mcp.get(context, serverId.trim(), projectId);
    }

    @RequiresPermission(value = Permission.INTEGRATION_EDIT, organization = OrganizationFrom.REQUEST)
    @PatchMapping("/{serverId}")
    JsonNode update(
            RequestContext context,
            @PathVariable String serverId,
            @RequestParam(required = false) @Nullable String projectId,
            @Valid @RequestBody UpdateRequest request) {
        if (request.tools() != null && request.tools().stream().anyMatch(tool -> !tool.isObject())) {
            throw new ApiException.BadRequest("tools must be a list of tool objects");
        }
        return mcp.update(
                context,
                serverId.trim(),
                projectId,
                new McpService.Changes(
                        request.name() == null ? null : request.name().trim(),
                        request.tools(),
                        request.disabledTools(),
                        request.enabledTools()));
    }

    @RequiresPermission(value = Permission.INTEGRATION_EDIT, organization = OrganizationFrom.REQUEST)
    @PostMapping("/{serverId}/rotate")
    JsonNode rotate(
            RequestContext context,
            @PathVariable String serverId,
            @RequestParam(required = false) @Nullable String projectId) {
        return mcp.rotate(context, serverId.trim(), projectId);
    }
}
