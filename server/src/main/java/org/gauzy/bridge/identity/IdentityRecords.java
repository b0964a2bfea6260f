package org.gauzy.bridge.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Identity's records that paths name: an organization (in itself), a membership (in its organization) and a
 * role's permission (tenant-wide).
 */
@Configuration(proxyBeanMethods = false)
class IdentityRecords {

    @Bean
    PathRecord organizationRecord(JdbcClient jdbc) {
        return PathRecord.inTable(
                "organization",
                "Organization",
                "id",
                jdbc,
                "select id from organization where tenant_id = :tenant and id = :id");
    }

    @Bean
    PathRecord membershipRecord(JdbcClient jdbc) {
        return PathRecord.inTable(
                "membership",
                "Membership",
                "id",
                jdbc,
                "select organization_id from user_organization where tenant_id = :tenant and id = :id");
    }

    @Bean
    PathRecord rolePermissionRecord(JdbcClient jdbc) {
        return PathRecord.inTable(
                "role-permission",
                "Role permission",
                "id",
                jdbc,
                "select cast(null as uuid) from role_permission where tenant_id = :tenant and id = :id");
    }
}
