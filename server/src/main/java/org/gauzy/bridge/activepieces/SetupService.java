package org.gauzy.bridge.activepieces;

import java.util.List;
import java.util.UUID;

import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.integration.IntegrationTenantView;
import org.gauzy.bridge.integration.IntegrationTenants;
import org.gauzy.bridge.integration.Setting;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Installing Activepieces for an organization: the key is checked against Activepieces with one cheap
 * call before it is stored (encrypted), and setting up again replaces the key of the one installation.
 */
@Service
class SetupService {

    private final ActivepiecesHttp http;
    private final IntegrationTenants integrations;
    private final ApiKeyResolver keys;

    SetupService(ActivepiecesHttp http, IntegrationTenants integrations, ApiKeyResolver keys) {
        this.http = http;
        this.integrations = integrations;
        this.keys = keys;
    }

    UUID setup(RequestContext context, String apiKey, @Nullable UUID organization) {
        String key = apiKey.trim();
        if (key.isEmpty()) {
            throw new ApiException.BadRequest("apiKey must not be blank");
        }
        verify(key);
        return integrations.install(context.tenant(), organization, IntegrationTenants.ACTIVEPIECES,
                List.of(Setting.secret(ApiKeyResolver.API_KEY, key)));
    }

    /** The cheapest call a platform key may make: the first project. */
    private void verify(String key) {
        try {
            http.send(key, ActivepiecesHttp.Call.get("projects").param("limit", 1));
        } catch (ActivepiecesFailure failure) {
            if (failure.upstreamStatus == 401 || failure.upstreamStatus == 403) {
                throw new ApiException.BadRequest("The Activepieces API key was rejected");
            }
            throw failure;
        }
    }

    IntegrationTenantView installation(RequestContext context, UUID integrationId) {
        return keys.installation(context, integrationId);
    }

    void setEnabled(RequestContext context, UUID integrationId, boolean enabled) {
        keys.installation(context, integrationId);
        integrations.setEnabled(context.tenant(), integrationId, enabled);
    }

    void remove(RequestContext context, UUID integrationId) {
        keys.installation(context, integrationId);
        integrations.remove(context.tenant(), integrationId);
    }
}
