package org.gauzy.bridge.identity;

import jakarta.validation.Valid;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.gauzy.bridge.platform.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Gauzy's onboarding: a registered user without a tenant creates one and becomes its SUPER_ADMIN.
 * Tokens already issued keep working: the request context reads the new tenant from the database.
 */
@FirstPartyOnly
@RestController
@RequestMapping("/api/tenant")
class TenantController {

    record TenantView(
            UUID id,
            String name,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            List<OrganizationView> organizations) {}

    private final TenantOnboarding onboarding;
    private final TenantRepository tenants;
    private final OrganizationRepository organizations;

    TenantController(TenantOnboarding onboarding, TenantRepository tenants, OrganizationRepository organizations) {
        this.onboarding = onboarding;
        this.tenants = tenants;
        this.organizations = organizations;
    }

    @RequiresLogin(organization = OrganizationFrom.NONE)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TenantView create(RequestContext context, @Valid @RequestBody UserRequests.CreateTenant request) {
        if (context.tenantId() != null) {
            throw new ApiException.Conflict("You already belong to a tenant; a user can belong to one tenant only");
        }
        String organizationName = request.organizationName() == null ? request.name() : request.organizationName();
        var created = onboarding.createTenant(context.userId(), request.name().trim(), organizationName.trim());
        var tenant = created.tenant();
        return new TenantView(
                tenant.id(), tenant.name(), tenant.createdAt(), tenant.updatedAt(), List.of(created.organization()));
    }

    @RequiresLogin(organization = OrganizationFrom.NONE)
    @GetMapping
    TenantView mine(RequestContext context) {
        UUID id = context.tenant();
        var tenant = tenants.find(id).orElseThrow(() -> new ApiException.NotFound("Tenant", id));
        return new TenantView(
                tenant.id(),
                tenant.name(),
                tenant.createdAt(),
                tenant.updatedAt(),
                organizations.list(id, context.seesAllOrganizations(false) ? null : context.memberships()));
    }
}
