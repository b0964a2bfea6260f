package org.gauzy.bridge.activepieces;

import java.util.ArrayList;
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
 * Installing Activepieces for an organization with a platform API key, an Activepieces user's email
 * and password, or both. Each is checked against Activepieces with one cheap call before it is stored
 * (the key and the password encrypted). Setting up again replaces what is sent and keeps the rest.
 */
@Service
class SetupService {

    /** What the admin gives; at least a key or a user. */
    record Credentials(
            @Nullable String apiKey,
            @Nullable String userEmail,
            @Nullable String userPassword) {

        @Override
        public String toString() {
            return "Credentials[" + (apiKey == null ? "no key" : "key ****") + ", " + userEmail + "]";
        }
    }

    private final ActivepiecesHttp http;
    private final UserSessions sessions;
    private final IntegrationTenants integrations;
    private final CredentialResolver credentials;

    SetupService(
            ActivepiecesHttp http,
            UserSessions sessions,
            IntegrationTenants integrations,
            CredentialResolver credentials) {
        this.http = http;
        this.sessions = sessions;
        this.integrations = integrations;
        this.credentials = credentials;
    }

    UUID setup(RequestContext context, Credentials given, @Nullable UUID organization) {
        String key = trimmed(given.apiKey());
        String email = trimmed(given.userEmail());
        String password = given.userPassword() == null || given.userPassword().isEmpty() ? null : given.userPassword();
        if (key == null && email == null && password == null) {
            throw new ApiException.BadRequest("Send apiKey (a platform API key), or userEmail and userPassword "
                    + "(an Activepieces user, which MCP servers need and the community edition's only credential)");
        }
        if ((email == null) != (password == null)) {
            throw new ApiException.BadRequest(
                    email == null
                            ? "userEmail is required with userPassword"
                            : "userPassword is required with userEmail");
        }
        if (key != null && !key.startsWith("sk-")) {
            throw new ApiException.BadRequest("apiKey must be an Activepieces platform API key, which starts with "
                    + "sk-; for a user, send userEmail and userPassword instead");
        }
        var stored = new ArrayList<Setting>();
        if (key != null) {
            verify(key);
            stored.add(Setting.secret(CredentialResolver.API_KEY, key));
        }
        if (email != null) {
            sessions.verify(email, password);
            stored.add(Setting.plain(CredentialResolver.USER_EMAIL, email));
            stored.add(Setting.secret(CredentialResolver.USER_PASSWORD, password));
        }
        return integrations.install(
                context.tenant(), organization, IntegrationTenants.ACTIVEPIECES, List.copyOf(stored));
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
        return credentials.installation(context, integrationId);
    }

    void setEnabled(RequestContext context, UUID integrationId, boolean enabled) {
        credentials.installation(context, integrationId);
        integrations.setEnabled(context.tenant(), integrationId, enabled);
    }

    void remove(RequestContext context, UUID integrationId) {
        credentials.installation(context, integrationId);
        integrations.remove(context.tenant(), integrationId);
    }

    private static @Nullable String trimmed(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
