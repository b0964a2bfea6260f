package org.gauzy.bridge.automation;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.identity.FirstPartyOnly;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresPermission;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Flows tab's API: the flows of an installation's project that act on the caller's organization, with
 * their health, and a flow's runs page by page. The same permission, tenant rules and error mapping as the
 * other Activepieces routes.
 */
@FirstPartyOnly
@RestController
@RequestMapping("/api/integration/activepieces/flows")
class FlowHealthController {

    /** {@code FlowRunStatus} (flow-run/execution/flow-execution.ts @66f43de175). */
    static final Set<String> RUN_STATUSES = Set.of(
            "FAILED",
            "QUOTA_EXCEEDED",
            "INTERNAL_ERROR",
            "PAUSED",
            "QUEUED",
            "RUNNING",
            "SUCCEEDED",
            "MEMORY_LIMIT_EXCEEDED",
            "TIMEOUT",
            "CANCELED",
            "LOG_SIZE_EXCEEDED");

    private final FlowHealth health;

    FlowHealthController(FlowHealth health) {
        this.health = health;
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_VIEW,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @GetMapping("/{integrationId}")
    FlowHealth.FlowsView flows(
            RequestContext context,
            @PathVariable UUID integrationId,
            @RequestParam(required = false) @Nullable String projectId) {
        return health.flows(context, integrationId, projectId);
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_VIEW,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @GetMapping("/{integrationId}/{flowId}/runs")
    FlowHealth.RunsPage runs(
            RequestContext context,
            @PathVariable UUID integrationId,
            @PathVariable String flowId,
            @RequestParam(required = false) @Nullable String projectId,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable List<String> status) {
        if (!flowId.matches("[0-9A-Za-z]{21}")) {
            throw new ApiException.BadRequest("flowId must be an Activepieces id: 21 letters and digits");
        }
        List<String> statuses = status == null ? List.of() : status;
        for (String s : statuses) {
            if (!RUN_STATUSES.contains(s)) {
                throw new ApiException.BadRequest("status must be one of "
                        + RUN_STATUSES.stream().sorted().toList());
            }
        }
        return health.runs(
                context,
                integrationId,
                flowId,
                projectId,
                cursor == null || cursor.isBlank() ? null : cursor,
                Paging.count("limit", limit, 1, 100, 10),
                statuses);
    }
}
