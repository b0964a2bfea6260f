package org.gauzy.bridge.workspace;

import java.util.UUID;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;

/**
 * Whether a record's organization is one the caller may act in: a member, or a role that sees all. A record a
 * path names is checked before the handler runs (identity's {@code PathRecord}); these checks also cover records
 * named in a body (a timer's employee) and keep each use case safe on its own.
 */
final class Scopes {

    private Scopes() {}

    /** A record of an organization the caller may not see is as good as absent: 404. */
    static void requireOrganization(RequestContext context, UUID organization, String what, UUID id) {
        if (!context.memberships().contains(organization) && !context.seesAllOrganizations(false)) {
            throw new ApiException.NotFound(what, id);
        }
    }

    /**
     * For a change: the record's own organization (never the one the request names) must be one the caller
     * belongs to, or they must hold ALL_ORG_EDIT; ALL_ORG_VIEW lets them see it (403), not change it.
     */
    static void requireEditable(RequestContext context, UUID organization, String what, UUID id) {
        requireOrganization(context, organization, what, id);
        if (!context.memberships().contains(organization) && !context.seesAllOrganizations(true)) {
            throw new ApiException.Forbidden(what + " " + id + " belongs to another organization, which your role may "
                    + "see but not change (that needs ALL_ORG_EDIT)");
        }
    }
}
