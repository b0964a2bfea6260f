package org.gauzy.bridge.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.Page;
import org.gauzy.bridge.platform.Paging;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The caller's own account, and the users an admin manages in their tenant. */
@Service
class UserService {

    private final UserRepository users;
    private final RoleRepository roles;
    private final TenantRepository tenants;
    private final OrganizationRepository organizations;
    private final MembershipRepository memberships;
    private final AuthService auth;

    UserService(UserRepository users, RoleRepository roles, TenantRepository tenants,
            OrganizationRepository organizations, MembershipRepository memberships, AuthService auth) {
        this.users = users;
        this.roles = roles;
        this.tenants = tenants;
        this.organizations = organizations;
        this.memberships = memberships;
        this.auth = auth;
    }

    @Transactional(readOnly = true)
    MeView me(RequestContext context) {
        var user = users.findSelf(context.userId())
                .orElseThrow(() -> new ApiException.Unauthorized("The account no longer exists"));
        if (context.tenantId() == null) {
            return new MeView(UserView.of(user, null), null, List.of(), List.of(), null, null);
        }
        var tenant = tenants.find(context.tenantId()).map(t -> new MeView.TenantView(t.id(), t.name())).orElse(null);
        var permissions = context.permissions().stream().sorted(Comparator.comparing(Enum::name)).toList();
        return new MeView(UserView.of(user, context.role()), tenant, permissions,
                organizations.list(context.tenantId(), context.memberships()), context.organizationId(), null);
    }

    @Transactional(readOnly = true)
    Page<UserView> list(RequestContext context, Paging paging) {
        UUID tenant = context.tenant();
        Map<UUID, RoleName> roleNames = roles.list(tenant).stream()
                .collect(Collectors.toMap(RoleRepository.Role::id, RoleRepository.Role::name));
        var page = users.list(tenant, paging.skip(), paging.take()).stream()
                .map(u -> UserView.of(u, u.roleId() == null ? null : roleNames.get(u.roleId())))
                .toList();
        return new Page<>(page, users.count(tenant));
    }

    @Transactional
    UserView create(RequestContext context, UserRequests.CreateUser request) {
        UUID tenant = context.tenant();
        var role = resolveRole(tenant, request);
        if (role.name() == RoleName.SUPER_ADMIN && context.role() != RoleName.SUPER_ADMIN) {
            throw new ApiException.Forbidden("Only a SUPER_ADMIN can make another SUPER_ADMIN");
        }
        Set<UUID> organizationIds = new LinkedHashSet<>();
        if (request.organizationIds() != null) {
            organizationIds.addAll(request.organizationIds());
        }
        if (request.organizationId() != null) {
            organizationIds.add(request.organizationId());
        }
        if (organizationIds.isEmpty() && context.organizationId() != null) {
            organizationIds.add(context.organizationId());
        }
        for (UUID organization : organizationIds) {
            boolean allowed = context.memberships().contains(organization)
                    || (context.seesAllOrganizations(true) && organizations.exists(tenant, organization));
            if (!allowed) {
                throw new ApiException.Forbidden("You cannot add users to organization " + organization
                        + ": you do not belong to it");
            }
        }
        UUID first = organizationIds.isEmpty() ? null : new ArrayList<>(organizationIds).get(0);
        var user = auth.newUser(request.user(), request.password(), tenant, role.id(), first);
        for (UUID organization : organizationIds) {
            memberships.insert(new MembershipRepository.Membership(UUID.randomUUID(), tenant, user.id(),
                    organization, true, user.createdAt()));
        }
        return UserView.of(user, role.name());
    }

    private RoleRepository.Role resolveRole(UUID tenant, UserRequests.CreateUser request) {
        if (request.roleId() != null) {
            return roles.find(tenant, request.roleId()).orElseThrow(() -> new ApiException.NotFound("Role", request.roleId()));
        }
        RoleName name = request.role() == null ? RoleName.EMPLOYEE : request.role();
        return roles.find(tenant, name).orElseThrow(() -> new ApiException.NotFound("Role", name));
    }
}
