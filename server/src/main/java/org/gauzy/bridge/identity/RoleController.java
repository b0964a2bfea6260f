package org.gauzy.bridge.identity;

import jakarta.validation.Valid;
import java.util.UUID;
import org.gauzy.bridge.platform.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Gauzy's {@code /api/role} and {@code /api/role-permissions}. */
@RestController
class RoleController {

    private final RolePermissionService service;

    RoleController(RolePermissionService service) {
        this.service = service;
    }

    /** The piece's role dropdown reads this; role names are not secret within a tenant. */
    @RequiresLogin(organization = OrganizationFrom.NONE)
    @GetMapping("/api/role")
    Page<RolePermissionService.RoleItem> roles(RequestContext context) {
        return service.roles(context);
    }

    @RequiresPermission(value = Permission.CHANGE_ROLES_PERMISSIONS, organization = OrganizationFrom.NONE)
    @FirstPartyOnly
    @GetMapping("/api/role-permissions")
    Page<RoleRepository.RolePermission> permissions(RequestContext context, @RequestParam UUID roleId) {
        return service.permissions(context, roleId);
    }

    @RequiresPermission(value = Permission.CHANGE_ROLES_PERMISSIONS, organization = OrganizationFrom.NONE)
    @FirstPartyOnly
    @PostMapping("/api/role-permissions")
    RoleRepository.RolePermission set(RequestContext context, @Valid @RequestBody UserRequests.SetPermission request) {
        return service.set(context, request);
    }

    @RequiresPermission(
            value = Permission.CHANGE_ROLES_PERMISSIONS,
            organization = OrganizationFrom.PATH,
            record = "role-permission")
    @FirstPartyOnly
    @PutMapping("/api/role-permissions/{id}")
    RoleRepository.RolePermission update(
            RequestContext context, @PathVariable UUID id, @Valid @RequestBody UserRequests.EnablePermission request) {
        return service.setById(context, id, request.enabled());
    }
}
