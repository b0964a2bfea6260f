package org.gauzy.bridge.identity;

import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;

/**
 * Gauzy's roles in the order of what they may do to each other: SUPER_ADMIN, ADMIN, MANAGER, DATA_ENTRY,
 * EMPLOYEE, VIEWER, CANDIDATE. Nobody acts on a user whose role outranks their own (changes, demotes,
 * deactivates, re-emails, removes memberships) or grants a role above their own; equals may.
 */
final class RoleOrder {

    private RoleOrder() {}

    static int rank(@Nullable RoleName role) {
        if (role == null) {
            return -1;
        }
        return switch (role) {
            case SUPER_ADMIN -> 6;
            case ADMIN -> 5;
            case MANAGER -> 4;
            case DATA_ENTRY -> 3;
            case EMPLOYEE -> 2;
            case VIEWER -> 1;
            case CANDIDATE -> 0;
        };
    }

    /** Refuses (403) to act on a user whose role is above the caller's. */
    static void requireNotOutranked(RequestContext caller, @Nullable RoleName target, String action) {
        if (rank(target) > rank(caller.role())) {
            throw new ApiException.Forbidden("You cannot " + action + " a " + target + ": that role is above yours ("
                    + (caller.role() == null ? "none" : caller.role().name()) + ")");
        }
    }

    /** Refuses (403) to give a role above the caller's own. */
    static void requireGrantable(RequestContext caller, RoleName granted) {
        if (rank(granted) > rank(caller.role())) {
            throw new ApiException.Forbidden("You cannot give the " + granted + " role: it is above yours ("
                    + (caller.role() == null ? "none" : caller.role().name()) + ")");
        }
    }
}
