package org.gauzy.bridge.activepieces;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.identity.FirstPartyOnly;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresPermission;
import org.gauzy.bridge.integration.IntegrationTenantView;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Gauzy's setup, status and integration-tenant routes, plus enable, disable and remove. */
@FirstPartyOnly
@RestController
@RequestMapping("/api/integration/activepieces")
class SetupController {

    /** A platform API key, an Activepieces user's email and password, or both. */
    record SetupRequest(
            @Nullable @Size(max = 512) String apiKey,
            @Nullable @Size(max = 320) String userEmail,
            @Nullable @Size(max = 512) String userPassword,
            @Nullable UUID organizationId) {

        @Override
        public String toString() {
            return "SetupRequest[" + userEmail + ", " + organizationId + "]";
        }
    }

    record SetupResponse(UUID integrationTenantId) {}

    private final SetupService setup;

    SetupController(SetupService setup) {
        this.setup = setup;
    }

    @RequiresPermission(value = Permission.INTEGRATION_ADD, organization = OrganizationFrom.REQUEST)
    @PostMapping("/setup")
    @ResponseStatus(HttpStatus.CREATED)
    SetupResponse setup(RequestContext context, @Valid @RequestBody SetupRequest request) {
        return new SetupResponse(setup.setup(
                context,
                new SetupService.Credentials(request.apiKey(), request.userEmail(), request.userPassword()),
                request.organizationId()));
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_VIEW,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @GetMapping("/status/{integrationId}")
    Map<String, Boolean> status(RequestContext context, @PathVariable UUID integrationId) {
        return Map.of("enabled", setup.installation(context, integrationId).isEnabled());
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_VIEW,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @GetMapping("/integration-tenant/{integrationId}")
    IntegrationTenantView installation(RequestContext context, @PathVariable UUID integrationId) {
        return setup.installation(context, integrationId);
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @PostMapping("/integration-tenant/{integrationId}/enable")
    IntegrationTenantView enable(RequestContext context, @PathVariable UUID integrationId) {
        setup.setEnabled(context, integrationId, true);
        return setup.installation(context, integrationId);
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @PostMapping("/integration-tenant/{integrationId}/disable")
    IntegrationTenantView disable(RequestContext context, @PathVariable UUID integrationId) {
        setup.setEnabled(context, integrationId, false);
        return setup.installation(context, integrationId);
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_DELETE,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @DeleteMapping("/integration-tenant/{integrationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(RequestContext context, @PathVariable UUID integrationId) {
        setup.remove(context, integrationId);
    }
}
