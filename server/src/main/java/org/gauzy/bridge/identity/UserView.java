package org.gauzy.bridge.identity;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A user as the API returns it (Gauzy's field names); never the password hash. */
public record UserView(
        UUID id,
        @Nullable UUID tenantId,
        String email,
        @Nullable String firstName,
        @Nullable String lastName,
        String name,
        @Nullable String imageUrl,
        String preferredLanguage,
        @Nullable UUID roleId,
        @Nullable RoleView role,
        boolean isActive,
        @Nullable UUID lastOrganizationId,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** A role as the API returns it. */
    public record RoleView(UUID id, String name) {}

    static UserView of(UserRepository.User user, @Nullable RoleName role) {
        String name = ((user.firstName() == null ? "" : user.firstName()) + " "
                        + (user.lastName() == null ? "" : user.lastName()))
                .trim();
        return new UserView(
                user.id(),
                user.tenantId(),
                user.email(),
                user.firstName(),
                user.lastName(),
                name,
                user.imageUrl(),
                user.preferredLanguage(),
                user.roleId(),
                user.roleId() == null || role == null ? null : new RoleView(user.roleId(), role.name()),
                user.isActive(),
                user.lastOrganizationId(),
                user.createdAt(),
                user.updatedAt());
    }
}
