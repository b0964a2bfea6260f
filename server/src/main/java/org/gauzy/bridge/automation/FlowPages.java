package org.gauzy.bridge.automation;

import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.gauzy.bridge.activepieces.ActivepiecesReads;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The Flows tab of the Activepieces integration page: the API's picture, for a person. */
@PageController
class FlowPages {

    static final String PATH = Pages.BASE + "/integrations/activepieces/{integrationId}/flows";

    private final FlowHealth health;
    private final ActivepiecesReads activepieces;

    FlowPages(FlowHealth health, ActivepiecesReads activepieces) {
        this.health = health;
        this.activepieces = activepieces;
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_VIEW,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @GetMapping(PATH)
    ModelAndView flows(
            RequestContext context,
            @PathVariable UUID integrationId,
            @RequestParam(required = false) @Nullable String projectId) {
        var model = new HashMap<String, Object>();
        model.put("installation", activepieces.installation(context, integrationId));
        model.put("tab", "flows");
        List<ActivepiecesReads.ProjectChoice> projects = List.of();
        String project = projectId == null || projectId.isBlank() ? null : projectId.trim();
        try {
            projects = activepieces.projects(context, integrationId);
            if (project == null && !projects.isEmpty()) {
                project = projects.get(0).id();
            }
            if (project != null) {
                model.put("view", health.flows(context, integrationId, project));
            }
        } catch (ApiException refused) {
            model.put("error", "Activepieces did not answer as expected: " + refused.getMessage());
        }
        model.put("projects", projects);
        Pages.putIfPresent(model, "projectId", project);
        return Pages.view("automation/flows", HttpStatus.OK, model);
    }
}
