package org.gauzy.bridge.identity;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.Page;
import org.gauzy.bridge.platform.Paging;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The caller's own account, and the users an admin manages in their tenant. */
@Service
class UserService {

    private final UserRepository users;
    private final RoleRepository roles;
    private final TenantRepository tenants;
    private final OrganizationRepository organizations;

    private final ObjectProvider<EmployeeLookup> employees;

    UserService(
            UserRepository users,
            RoleRepository roles,
            TenantRepository tenants,
            OrganizationRepository organizations,
            ObjectProvider<EmployeeLookup> employees) {
        this.employees = employees;
        this.users = users;
        this.roles = roles;
        this.tenants = tenants;
        this.organizations = organizations;
    }

    @Transactional(readOnly = true)
    MeView me(RequestContext context) {
        var user = users.findSelf(context.userId())
                .orElseThrow(() -> new ApiException.Unauthorized("The account no longer exists"));
        if (context.tenantId() == null) {
            return new MeView(UserView.of(user, null), null, List.of(), List.of(), null, null);
        }
        var tenant = tenants.find(context.tenantId())
                .map(t -> new MeView.TenantView(t.id(), t.name()))
                .orElse(null);
        var permissions = context.permissions().stream()
                .sorted(Comparator.comparing(Enum::name))
                .toList();
        UUID employee = context.organizationId() == null
                ? null
                : employees
                        .orderedStream()
                        .findFirst()
                        .flatMap(lookup -> lookup.employeeOf(context.tenant(), user.id(), context.organization()))
                        .orElse(null);
        return new MeView(
                UserView.of(user, context.role()),
                tenant,
                permissions,
                organizations.list(context.tenantId(), context.memberships()),
                context.organizationId(),
                employee);
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
}
