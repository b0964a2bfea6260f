package org.gauzy.bridge.sandbox;

import org.jspecify.annotations.Nullable;

/**
 * Who calls: a platform API key (SERVICE, no project of its own) or a signed-in USER.
 *
 * @param userId the acting user: the user, or for an API key the platform owner (Activepieces records
 *        the owner as the connection's {@code ownerId})
 * @param projectId the project a user's session is bound to (before 0.75), else null
 */
record Principal(
        Type type,
        String id,
        String platformId,
        String userId,
        Model.@Nullable User user,
        @Nullable String projectId) {

    enum Type {
        SERVICE,
        USER
    }
}
