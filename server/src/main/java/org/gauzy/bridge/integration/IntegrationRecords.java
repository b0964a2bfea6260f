package org.gauzy.bridge.integration;

import org.gauzy.bridge.identity.PathRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installations, as paths name them: an organization's, or the tenant-wide one. */
@Configuration(proxyBeanMethods = false)
class IntegrationRecords {

    @Bean
    PathRecord installationRecord(IntegrationTenants installations) {
        return PathRecord.of(
                "installation",
                "Activepieces integration",
                "integrationId",
                (caller, id) -> installations
                        .view(caller.tenant(), id)
                        .map(view -> new PathRecord.Owner(view.organizationId())));
    }
}
