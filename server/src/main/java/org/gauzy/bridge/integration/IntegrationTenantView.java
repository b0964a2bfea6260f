package org.gauzy.bridge.integration;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An installation of an integration as the API shows it: secret settings masked to {@code ••••}
 * and their last 4 characters at most.
 *
 * @param organizationId the organization it serves, or null for the tenant-wide installation
 */
public record IntegrationTenantView(
        UUID id,
        UUID tenantId,
        @Nullable UUID organizationId,
        UUID integrationId,
        String name,
        boolean isEnabled,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        List<SettingView> settings) {

    /** One setting; {@code settingsValue} is masked when {@code isSecret}. */
    public record SettingView(String settingsName, String settingsValue, boolean isSecret) {}
}
