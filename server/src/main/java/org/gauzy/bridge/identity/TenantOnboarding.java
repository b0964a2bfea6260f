package org.gauzy.bridge.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates tenants the way Gauzy does: the tenant, one role of each of Gauzy's names with its default
 * permissions, a first organization, and the creator as SUPER_ADMIN and member of it.
 */
@Service
class TenantOnboarding {

    private final TenantRepository tenants;
    private final OrganizationRepository organizations;
    private final RoleRepository roles;
    private final UserRepository users;
    private final MembershipRepository memberships;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TenantOnboarding(
            TenantRepository tenants,
            OrganizationRepository organizations,
            RoleRepository roles,
            UserRepository users,
            MembershipRepository memberships,
            ApplicationEventPublisher events,
            Clock clock) {
        this.tenants = tenants;
        this.organizations = organizations;
        this.roles = roles;
        this.users = users;
        this.memberships = memberships;
        this.events = events;
        this.clock = clock;
    }

    record Created(TenantRepository.Tenant tenant, OrganizationView organization) {}

    @Transactional
    Created createTenant(UUID owner, String tenantName, String organizationName) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        var tenant = new TenantRepository.Tenant(UUID.randomUUID(), tenantName, now, now);
        tenants.insert(tenant);
        UUID superAdmin = UUID.randomUUID();
        for (RoleName name : RoleName.values()) {
            UUID roleId = name == RoleName.SUPER_ADMIN ? superAdmin : UUID.randomUUID();
            var role = new RoleRepository.Role(roleId, tenant.id(), name, true);
            roles.insert(role, now);
            Set<Permission> granted = Permission.defaultsFor(name);
            roles.insertPermissions(
                    tenant.id(),
                    role.id(),
                    Arrays.stream(Permission.values())
                            .map(permission -> new RoleRepository.RolePermission(
                                    UUID.randomUUID(),
                                    tenant.id(),
                                    role.id(),
                                    permission,
                                    granted.contains(permission),
                                    now,
                                    now))
                            .toList());
        }
        OrganizationView organization = insertOrganization(tenant.id(), organizationName, null, now);
        if (!users.joinTenant(owner, tenant.id(), superAdmin, organization.id(), now)) {
            throw new ApiException.Conflict("You already belong to a tenant; a user can belong to one tenant only");
        }
        join(tenant.id(), owner, organization.id(), now);
        return new Created(tenant, organization);
    }

    /** A further organization in the caller's tenant; the creator becomes a member of it. */
    @Transactional
    OrganizationView createOrganization(RequestContext context, String name, @Nullable String officialName) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OrganizationView organization = insertOrganization(context.tenant(), name, officialName, now);
        join(context.tenant(), context.userId(), organization.id(), now);
        return organization;
    }

    private OrganizationView insertOrganization(
            UUID tenant, String name, @Nullable String officialName, OffsetDateTime now) {
        var organization = new OrganizationView(UUID.randomUUID(), tenant, name, officialName, true, now, now);
        organizations.insert(organization);
        events.publishEvent(new OrganizationCreated(tenant, organization.id(), name));
        return organization;
    }

    private void join(UUID tenant, UUID user, UUID organization, OffsetDateTime now) {
        memberships.insert(
                new MembershipRepository.Membership(UUID.randomUUID(), tenant, user, organization, true, now));
    }
}
