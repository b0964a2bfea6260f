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
                // The installation alone: its settings, decrypted to be masked, are no concern of the check.
                (caller, id) -> installations
                        .installation(caller.tenant(), id)
                        .map(found -> new PathRecord.Owner(found.organizationId())));
    }
}
