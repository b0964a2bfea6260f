package org.gauzy.bridge.activepieces;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who the service is on Activepieces for one operation: a platform API key, an Activepieces user
 * (signed in on demand, see {@link UserSessions}), or both, from the installation that serves it.
 *
 * @param organizationId the organization the operation acts for
 */
record Credential(
        @Nullable String apiKey,
        @Nullable UserLogin user,
        Source source,
        @Nullable UUID organizationId) {

    /** Where the credential came from: a global one confines a tenant to the projects bound to it. */
    enum Source {
        ORGANIZATION,
        TENANT,
        GLOBAL
    }

    /**
     * An Activepieces user's sign-in, as the admin gave it.
     *
     * @param holder what the sign-in belongs to (an installation id, or "global"), so sessions are kept apart
     */
    record UserLogin(String holder, String email, String password) {

        @Override
        public String toString() {
            return "UserLogin[" + holder + ", " + email + ", password ****]";
        }
    }

    boolean global() {
        return source == Source.GLOBAL;
    }

    @Override
    public String toString() {
        return "Credential[" + (apiKey == null ? "no key" : "key ****") + ", " + user + ", " + source + "]";
    }
}
