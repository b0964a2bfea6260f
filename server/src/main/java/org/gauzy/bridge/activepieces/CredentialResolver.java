package org.gauzy.bridge.activepieces;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.integration.IntegrationTenantView;
import org.gauzy.bridge.integration.IntegrationTenants;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The one place that decides which Activepieces credential an operation uses. Installations are tried
 * in order (the organization's, the tenant-wide one, then the global credential of
 * {@code GAUZY_ACTIVEPIECES_API_KEY} / {@code GAUZY_ACTIVEPIECES_USER_EMAIL}, unless
 * {@code ACTIVEPIECES_ALLOW_GLOBAL_KEY=false}), and the first that holds what the task needs serves it:
 * any credential for connections and projects, an Activepieces user for MCP servers, which Activepieces
 * lets only signed-in users manage on every release. An integration id that is unknown or of another
 * tenant is a 404, never a quiet fall back to the global credential.
 */
@Component
class CredentialResolver {

    static final String API_KEY = "api_key";
    static final String USER_EMAIL = "user_email";
    static final String USER_PASSWORD = "user_password";
    private static final Set<String> CREDENTIAL_SETTINGS = Set.of(API_KEY, USER_EMAIL, USER_PASSWORD);
    static final String GLOBAL = "global";
    /** How the refusal for want of a user begins, for the pages that word it their own way. */
    static final String USER_NEEDED = "Activepieces lets only signed-in users manage MCP servers";

    /** What a task needs of the credential. */
    enum Need {
        /** A platform API key or a user: connections and projects. */
        ANY,
        /** A signed-in user: MCP servers. */
        USER
    }

    private final IntegrationTenants integrations;
    private final ActivepiecesSettings settings;

    CredentialResolver(IntegrationTenants integrations, ActivepiecesSettings settings) {
        this.integrations = integrations;
        this.settings = settings;
    }

    /** For an operation on one installation (the route's {@code :integrationId}). */
    Credential forIntegration(RequestContext context, UUID integrationId) {
        return forIntegration(context, integrationId, Need.ANY);
    }

    Credential forIntegration(RequestContext context, UUID integrationId, Need need) {
        IntegrationTenants.Configured configured = integrations
                .configured(context.tenant(), integrationId, CREDENTIAL_SETTINGS)
                .filter(found -> IntegrationTenants.ACTIVEPIECES.equals(
                        found.installation().provider()))
                .orElseThrow(() -> new ApiException.NotFound("Activepieces integration", integrationId));
        if (!configured.installation().isEnabled()) {
            throw new ApiException.Conflict(
                    "The Activepieces integration " + integrationId + " is disabled; enable it first");
        }
        return resolve(context.tenant(), configured.installation().organizationId(), need, configured);
    }

    /** For an operation in the organization the request acts in. */
    Credential forOrganization(RequestContext context, @Nullable UUID organization) {
        return resolve(context, organization, Need.ANY);
    }

    Credential forOrganization(RequestContext context, @Nullable UUID organization, Need need) {
        return resolve(context, organization, need);
    }

    /** The caller's installation, or 404 for an unknown id or one of another tenant. */
    IntegrationTenantView installation(RequestContext context, UUID integrationId) {
        return integrations
                .view(context.tenant(), integrationId)
                .filter(view -> IntegrationTenants.ACTIVEPIECES.equals(view.name()))
                .orElseThrow(() -> new ApiException.NotFound("Activepieces integration", integrationId));
    }

    /**
     * For a task outside any request (automation health's watch): the credential an enabled installation
     * of the tenant resolves to; empty for an unknown or disabled one, or one without a credential.
     */
    Optional<Credential> forInstallation(UUID tenant, UUID integrationId) {
        return integrations
                .configured(tenant, integrationId, CREDENTIAL_SETTINGS)
                .filter(found -> IntegrationTenants.ACTIVEPIECES.equals(
                                found.installation().provider())
                        && found.installation().isEnabled())
                .flatMap(found -> {
                    try {
                        return Optional.of(resolve(tenant, found.installation().organizationId(), Need.ANY, found));
                    } catch (ApiException notConfigured) {
                        return Optional.empty();
                    }
                });
    }

    private Credential resolve(RequestContext context, @Nullable UUID organization, Need need) {
        return resolve(context.tenant(), organization, need, null);
    }

    /** {@code known}: an enabled installation already read with its credential, which need not be read again. */
    private Credential resolve(
            UUID tenant, @Nullable UUID organization, Need need, IntegrationTenants.@Nullable Configured known) {
        if (organization != null) {
            Optional<Credential> own =
                    stored(tenant, organization, Credential.Source.ORGANIZATION, organization, need, known);
            if (own.isPresent()) {
                return own.get();
            }
        }
        Optional<Credential> tenantWide = stored(tenant, null, Credential.Source.TENANT, organization, need, known);
        if (tenantWide.isPresent()) {
            return tenantWide.get();
        }
        Optional<Credential> global = global(organization, need);
        if (global.isPresent()) {
            return global.get();
        }
        if (need == Need.USER) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    USER_NEEDED + ", not API keys: add an "
                            + "Activepieces user's email and password to this integration (POST "
                            + "/api/integration/activepieces/setup with userEmail and userPassword)");
        }
        throw new ApiException.BadRequest("Activepieces credentials not configured: set up an API key or an "
                + "Activepieces user with POST /api/integration/activepieces/setup");
    }

    /** The credential of an enabled installation; a disabled one lends nothing. */
    private Optional<Credential> stored(
            UUID tenant,
            @Nullable UUID scope,
            Credential.Source source,
            @Nullable UUID organization,
            Need need,
            IntegrationTenants.@Nullable Configured known) {
        if (known != null && Objects.equals(known.installation().organizationId(), scope)) {
            return credential(known.installation().id(), known.settings(), source, organization, need);
        }
        return integrations
                .findEnabled(tenant, scope, IntegrationTenants.ACTIVEPIECES)
                .flatMap(id -> credential(
                        id, integrations.settings(tenant, id, CREDENTIAL_SETTINGS), source, organization, need));
    }

    /** The credential an installation's settings hold, if it serves the need. */
    private static Optional<Credential> credential(
            UUID id, Map<String, String> values, Credential.Source source, @Nullable UUID organization, Need need) {
        String apiKey = values.get(API_KEY);
        String key = apiKey != null && !apiKey.isBlank() ? apiKey : null;
        String email = values.get(USER_EMAIL);
        String password = values.get(USER_PASSWORD);
        Credential.UserLogin user = email != null && !email.isBlank() && password != null
                ? new Credential.UserLogin(id.toString(), email, password)
                : null;
        return serves(key, user, need)
                ? Optional.of(new Credential(key, user, source, organization))
                : Optional.empty();
    }

    private Optional<Credential> global(@Nullable UUID organization, Need need) {
        if (!settings.allowGlobalKey()) {
            return Optional.empty();
        }
        String key = StringUtils.hasText(settings.apiKey()) ? settings.apiKey().trim() : null;
        Credential.UserLogin user =
                StringUtils.hasText(settings.userEmail()) && StringUtils.hasText(settings.userPassword())
                        ? new Credential.UserLogin(GLOBAL, settings.userEmail().trim(), settings.userPassword())
                        : null;
        return serves(key, user, need)
                ? Optional.of(new Credential(key, user, Credential.Source.GLOBAL, organization))
                : Optional.empty();
    }

    private static boolean serves(@Nullable String key, Credential.@Nullable UserLogin user, Need need) {
        return need == Need.USER ? user != null : key != null || user != null;
    }
}
