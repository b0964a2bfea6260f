package org.gauzy.bridge.identity;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/user/me}: the user with their tenant, role, the permissions that role holds now,
 * and the organizations they belong to.
 */
record MeView(
        UserView user,
        @Nullable TenantView tenant,
        List<Permission> permissions,
        List<OrganizationView> organizations,
        @Nullable UUID organizationId,
        @Nullable UUID employeeId) {

    record TenantView(UUID id, String name) {}
}
