package org.gauzy.bridge.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organizations of the caller's tenant and who belongs to them. */
@Service
class OrganizationService {

    private final OrganizationRepository organizations;
    private final MembershipRepository memberships;
    private final UserRepository users;
    private final TenantOnboarding onboarding;
    private final Clock clock;
    private final UserAccounts accounts;

    OrganizationService(
            OrganizationRepository organizations,
            MembershipRepository memberships,
            UserRepository users,
            TenantOnboarding onboarding,
            Clock clock,
            UserAccounts accounts) {
        this.accounts = accounts;
        this.organizations = organizations;
        this.memberships = memberships;
        this.users = users;
        this.onboarding = onboarding;
        this.clock = clock;
    }

    /** The organizations the caller may see: their own, or all of the tenant with ALL_ORG_VIEW. */
    @Transactional(readOnly = true)
    Page<OrganizationView> visible(RequestContext context) {
        var list = organizations.list(
                context.tenant(), context.seesAllOrganizations(false) ? null : context.memberships());
        return new Page<>(list, list.size());
    }

    @Transactional(readOnly = true)
    OrganizationView get(RequestContext context, UUID id) {
        var organization = organizations
                .find(context.tenant(), id)
                .orElseThrow(() -> new ApiException.NotFound("Organization", id));
        requireAccess(context, id, false);
        return organization;
    }

    @Transactional
    OrganizationView create(RequestContext context, UserRequests.CreateOrganization request) {
        return onboarding.createOrganization(
                context,
                request.name().trim(),
                request.officialName() == null ? null : request.officialName().trim());
    }

    @Transactional(readOnly = true)
    Page<MembershipRepository.Membership> memberships(RequestContext context, @Nullable UUID user) {
        var list = memberships.list(context.tenant(), user).stream()
                .filter(m -> mayAccess(context, m.organizationId(), false))
                .toList();
        return new Page<>(list, list.size());
    }

    @Transactional
    MembershipRepository.Membership addMember(RequestContext context, UserRequests.AddMembership request) {
        UUID tenant = context.tenant();
        if (users.find(tenant, request.userId()).isEmpty()) {
            throw new ApiException.NotFound("User", request.userId());
        }
        if (organizations.find(tenant, request.organizationId()).isEmpty()) {
            throw new ApiException.NotFound("Organization", request.organizationId());
        }
        requireAccess(context, request.organizationId(), true);
        var membership = new MembershipRepository.Membership(
                UUID.randomUUID(), tenant, request.userId(), request.organizationId(), true, OffsetDateTime.now(clock));
        try {
            memberships.insert(membership);
        } catch (DuplicateKeyException already) {
            throw new ApiException.Conflict("The user already belongs to this organization");
        }
        return membership;
    }

    @Transactional
    void removeMember(RequestContext context, UUID id) {
        var membership =
                memberships.find(context.tenant(), id).orElseThrow(() -> new ApiException.NotFound("Membership", id));
        requireAccess(context, membership.organizationId(), true);
        accounts.requireMayManage(context, membership.userId());
        memberships.delete(context.tenant(), id);
    }

    private void requireAccess(RequestContext context, UUID organization, boolean write) {
        if (!mayAccess(context, organization, write)) {
            throw new ApiException.Forbidden("You do not belong to organization " + organization);
        }
    }

    private static boolean mayAccess(RequestContext context, UUID organization, boolean write) {
        return context.memberships().contains(organization) || context.seesAllOrganizations(write);
    }
}
