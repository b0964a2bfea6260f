package org.gauzy.bridge.oauth;

import org.gauzy.bridge.identity.PathRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * OAuth's records that paths name, tenant-wide both: a client (the tenant's, or a global one, which only an
 * operator may then see: the handler decides) and a consent (whose user the handler checks).
 */
@Configuration(proxyBeanMethods = false)
class OAuthRecords {

    @Bean
    PathRecord clientRecord(JdbcClient jdbc) {
        return PathRecord.inTable(
                "oauth-client",
                "OAuth client",
                "id",
                jdbc,
                "select cast(null as uuid) from oauth_client where (tenant_id = :tenant or tenant_id is null) and id = :id");
    }

    @Bean
    PathRecord consentRecord(JdbcClient jdbc) {
        return PathRecord.inTable(
                "consent",
                "Consent",
                "id",
                jdbc,
                "select cast(null as uuid) from oauth_consent where tenant_id = :tenant and id = :id");
    }
}
