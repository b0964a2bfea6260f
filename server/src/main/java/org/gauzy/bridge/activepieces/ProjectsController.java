package org.gauzy.bridge.activepieces;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.identity.FirstPartyOnly;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresPermission;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The Activepieces projects an installation's key may use, so nobody copies project ids by hand. */
@FirstPartyOnly
@RestController
@RequestMapping("/api/integration/activepieces/projects")
class ProjectsController {

    record BindRequest(@NotBlank String projectId) {}

    private final CredentialResolver keys;
    private final ProjectAccess access;

    ProjectsController(CredentialResolver keys, ProjectAccess access) {
        this.keys = keys;
        this.access = access;
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_VIEW,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @GetMapping("/{integrationId}")
    SeekPage<JsonNode> list(
            RequestContext context,
            @PathVariable UUID integrationId,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit) {
        return access.visible(context, keys.forIntegration(context, integrationId), cursor, limit);
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @PostMapping("/{integrationId}/bind")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> bind(
            RequestContext context, @PathVariable UUID integrationId, @Valid @RequestBody BindRequest request) {
        var key = keys.forIntegration(context, integrationId);
        access.bind(context, key, request.projectId());
        return Map.of("projectId", request.projectId());
    }
}
