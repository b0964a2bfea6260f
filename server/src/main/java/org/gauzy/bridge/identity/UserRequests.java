package org.gauzy.bridge.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Bodies of the user, tenant, organization, membership and role-permission endpoints. */
final class UserRequests {

    private UserRequests() {}

    /**
     * {@code POST /api/user}: an admin adds a user to their own tenant with a role (by id or by
     * name) and the organizations they work in.
     */
    record CreateUser(
            @Valid @NotNull UserDetails user,
            @NotBlank @Size(min = 8, max = 64) String password,
            @Nullable UUID roleId,
            @Nullable RoleName role,
            @Nullable UUID organizationId,
            @Nullable List<UUID> organizationIds) {}

    record CreateTenant(
            @NotBlank @Size(max = 255) String name,
            @Size(max = 255) @Nullable String organizationName) {}

    record CreateOrganization(
            @NotBlank @Size(max = 255) String name,
            @Size(max = 255) @Nullable String officialName) {}

    record AddMembership(@NotNull UUID userId, @NotNull UUID organizationId) {}

    record SetPermission(
            @NotNull UUID roleId,
            @NotBlank String permission,
            @NotNull Boolean enabled) {}

    record EnablePermission(@NotNull Boolean enabled) {}
}
