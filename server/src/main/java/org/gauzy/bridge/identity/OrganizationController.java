package org.gauzy.bridge.identity;

import jakarta.validation.Valid;
import java.util.UUID;
import org.gauzy.bridge.platform.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Gauzy's {@code /api/organization} and {@code /api/user-organization}. */
@RestController
class OrganizationController {

    private final OrganizationService organizations;

    OrganizationController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @RequiresLogin(organization = OrganizationFrom.NONE)
    @GetMapping("/api/organization")
    Page<OrganizationView> list(RequestContext context) {
        return organizations.visible(context);
    }

    @RequiresLogin(organization = OrganizationFrom.PATH, record = "organization")
    @GetMapping("/api/organization/{id}")
    OrganizationView get(RequestContext context, @PathVariable UUID id) {
        return organizations.get(context, id);
    }

    @RequiresPermission(value = Permission.ALL_ORG_EDIT, organization = OrganizationFrom.NONE)
    @FirstPartyOnly
    @PostMapping("/api/organization")
    @ResponseStatus(HttpStatus.CREATED)
    OrganizationView create(RequestContext context, @Valid @RequestBody UserRequests.CreateOrganization request) {
        return organizations.create(context, request);
    }

    @RequiresPermission(value = Permission.ORG_USERS_VIEW, organization = OrganizationFrom.REQUEST)
    @FirstPartyOnly
    @GetMapping("/api/user-organization")
    Page<MembershipRepository.Membership> memberships(
            RequestContext context, @RequestParam(required = false) @Nullable UUID userId) {
        return organizations.memberships(context, userId);
    }

    @RequiresPermission(value = Permission.ORG_USERS_EDIT, organization = OrganizationFrom.REQUEST)
    @FirstPartyOnly
    @PostMapping("/api/user-organization")
    @ResponseStatus(HttpStatus.CREATED)
    MembershipRepository.Membership addMember(
            RequestContext context, @Valid @RequestBody UserRequests.AddMembership request) {
        return organizations.addMember(context, request);
    }

    @RequiresPermission(value = Permission.ORG_USERS_EDIT, organization = OrganizationFrom.PATH, record = "membership")
    @FirstPartyOnly
    @DeleteMapping("/api/user-organization/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(RequestContext context, @PathVariable UUID id) {
        organizations.removeMember(context, id);
    }
}
