package org.gauzy.bridge.workspace;

import java.util.UUID;

import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;

/** Whether a record's organization is one the caller may act in: a member, or a role that sees all. */
final class Scopes {

    private Scopes() {
    }

    /** A record of an organization the caller may not see is as good as absent: 404. */
    static void requireOrganization(RequestContext context, UUID organization, String what, UUID id) {
        if (!context.memberships().contains(organization) && !context.seesAllOrganizations(false)) {
            throw new ApiException.NotFound(what, id);
        }
    }
}
