package org.gauzy.bridge.activepieces;

import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.support.Api;

/** The smallest request that makes an Activepieces connection through the service, for tests that only need one. */
final class ConnectionRequests {

    private ConnectionRequests() {}

    /** {@code POST /api/integration/activepieces/connection} as {@code token}, for an organization and project. */
    static Api.Call create(Api api, String token, UUID organization, String project) {
        return api.post("/api/integration/activepieces/connection")
                .token(token)
                .json(Map.of("accessToken", "t", "projectId", project, "organizationId", organization.toString()));
    }
}
