package org.gauzy.bridge.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Roles of the caller's tenant and the permissions each holds. The SUPER_ADMIN role always holds
 * every permission, so no change can lock a tenant out of its own administration.
 */
@Service
class RolePermissionService {

    record RoleItem(UUID id, UUID tenantId, String name, boolean isSystem) {}

    private final RoleRepository roles;
    private final Clock clock;

    RolePermissionService(RoleRepository roles, Clock clock) {
        this.roles = roles;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Page<RoleItem> roles(RequestContext context) {
        List<RoleItem> items = roles.list(context.tenant()).stream()
                .map(r -> new RoleItem(r.id(), r.tenantId(), r.name().name(), r.isSystem()))
                .toList();
        return new Page<>(items, items.size());
    }

    @Transactional(readOnly = true)
    Page<RoleRepository.RolePermission> permissions(RequestContext context, UUID roleId) {
        role(context, roleId);
        var items = roles.permissions(context.tenant(), roleId);
        return new Page<>(items, items.size());
    }

    @Transactional
    RoleRepository.RolePermission set(RequestContext context, UserRequests.SetPermission request) {
        Permission permission = parse(request.permission());
        return apply(context, request.roleId(), permission, request.enabled());
    }

    @Transactional
    RoleRepository.RolePermission setById(RequestContext context, UUID id, boolean enabled) {
        var row = roles.permission(context.tenant(), id)
                .orElseThrow(() -> new ApiException.NotFound("Role permission", id));
        return apply(context, row.roleId(), row.permission(), enabled);
    }

    private RoleRepository.RolePermission apply(
            RequestContext context, UUID roleId, Permission permission, boolean enabled) {
        UUID tenant = context.tenant();
        var role = role(context, roleId);
        if (role.name() == RoleName.SUPER_ADMIN) {
            throw new ApiException.BadRequest("The SUPER_ADMIN role always holds every permission");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!roles.setEnabled(tenant, roleId, permission, enabled, now)) {
            roles.insertPermissions(
                    tenant,
                    roleId,
                    List.of(new RoleRepository.RolePermission(
                            UUID.randomUUID(), tenant, roleId, permission, enabled, now, now)));
        }
        return roles.permissions(tenant, roleId).stream()
                .filter(p -> p.permission() == permission)
                .findFirst()
                .orElseThrow();
    }

    private RoleRepository.Role role(RequestContext context, UUID roleId) {
        return roles.find(context.tenant(), roleId).orElseThrow(() -> new ApiException.NotFound("Role", roleId));
    }

    private static Permission parse(String name) {
        try {
            return Permission.valueOf(name.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest(
                    "Unknown permission '" + name + "'; valid ones are " + Arrays.toString(Permission.values()));
        }
    }
}
