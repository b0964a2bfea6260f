package org.gauzy.bridge.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A registered client as the API shows it (Gauzy's fields). {@code clientSecret} appears only in the
 * answers to create and rotate, once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OAuthClientView(
        UUID id,
        String clientId,
        @Nullable UUID tenantId,
        boolean isGlobal,
        String name,
        @Nullable String description,
        String clientType,
        List<String> redirectUris,
        List<String> allowedScopes,
        List<String> allowedGrantTypes,
        boolean pkceRequired,
        int accessTokenTtl,
        int refreshTokenTtl,
        boolean isActive,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Nullable String clientSecret) {

    OAuthClientView withSecret(String secret) {
        return new OAuthClientView(
                id,
                clientId,
                tenantId,
                isGlobal,
                name,
                description,
                clientType,
                redirectUris,
                allowedScopes,
                allowedGrantTypes,
                pkceRequired,
                accessTokenTtl,
                refreshTokenTtl,
                isActive,
                createdAt,
                updatedAt,
                secret);
    }
}
