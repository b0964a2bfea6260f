package org.gauzy.bridge.activepieces;

import java.util.Optional;
import java.util.UUID;

import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.integration.IntegrationTenantView;
import org.gauzy.bridge.integration.IntegrationTenants;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The one place that decides which Activepieces API key an operation uses: the organization's stored
 * key, else the tenant-wide one, else {@code GAUZY_ACTIVEPIECES_API_KEY} (unless
 * {@code ACTIVEPIECES_ALLOW_GLOBAL_KEY=false}). An integration id that is unknown or of another tenant
 * is a 404, never a quiet fall back to the global key.
 */
@Component
class ApiKeyResolver {

    static final String API_KEY = "api_key";

    /** The key, where it came from, and the organization the operation acts for. */
    record ResolvedKey(String apiKey, Source source, @Nullable UUID organizationId) {

        enum Source { ORGANIZATION, TENANT, GLOBAL }

        boolean global() {
            return source == Source.GLOBAL;
        }
    }

    private final IntegrationTenants integrations;
    private final ActivepiecesSettings settings;

    ApiKeyResolver(IntegrationTenants integrations, ActivepiecesSettings settings) {
        this.integrations = integrations;
        this.settings = settings;
    }

    /** For an operation on one installation (the route's {@code :integrationId}). */
    ResolvedKey forIntegration(RequestContext context, UUID integrationId) {
        IntegrationTenantView installation = installation(context, integrationId);
        if (!installation.isEnabled()) {
            throw new ApiException.Conflict("The Activepieces integration " + integrationId
                    + " is disabled; enable it first");
        }
        return resolve(context, installation.organizationId());
    }

    /** For an operation in the organization the request acts in. */
    ResolvedKey forOrganization(RequestContext context, @Nullable UUID organization) {
        return resolve(context, organization);
    }

    /** The caller's installation, or 404 for an unknown id or one of another tenant. */
    IntegrationTenantView installation(RequestContext context, UUID integrationId) {
        return integrations.view(context.tenant(), integrationId)
                .filter(view -> IntegrationTenants.ACTIVEPIECES.equals(view.name()))
                .orElseThrow(() -> new ApiException.NotFound("Activepieces integration", integrationId));
    }

    private ResolvedKey resolve(RequestContext context, @Nullable UUID organization) {
        UUID tenant = context.tenant();
        if (organization != null) {
            Optional<String> own = storedKey(tenant, organization);
            if (own.isPresent()) {
                return new ResolvedKey(own.get(), ResolvedKey.Source.ORGANIZATION, organization);
            }
        }
        Optional<String> tenantWide = storedKey(tenant, null);
        if (tenantWide.isPresent()) {
            return new ResolvedKey(tenantWide.get(), ResolvedKey.Source.TENANT, organization);
        }
        if (settings.allowGlobalKey() && StringUtils.hasText(settings.apiKey())) {
            return new ResolvedKey(settings.apiKey().trim(), ResolvedKey.Source.GLOBAL, organization);
        }
        throw new ApiException.BadRequest("Activepieces API key not configured: set one up with "
                + "POST /api/integration/activepieces/setup");
    }

    /** The key of an enabled installation; a disabled one does not lend its key. */
    private Optional<String> storedKey(UUID tenant, @Nullable UUID organization) {
        return integrations.find(tenant, organization, IntegrationTenants.ACTIVEPIECES)
                .filter(id -> integrations.isEnabled(tenant, id))
                .flatMap(id -> integrations.setting(tenant, id, API_KEY))
                .filter(StringUtils::hasText);
    }
}
