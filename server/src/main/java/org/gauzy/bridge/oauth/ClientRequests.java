package org.gauzy.bridge.oauth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Bodies of {@code /api/oauth/clients}, in Gauzy's field names. */
final class ClientRequests {

    private ClientRequests() {}

    /** {@code global} (no tenant) is for operators only. */
    record Create(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 500) @Nullable String description,
            @Nullable String clientType,
            @NotNull List<String> redirectUris,
            @Nullable List<String> allowedScopes,
            @Nullable List<String> allowedGrantTypes,
            @Nullable Boolean pkceRequired,
            @Nullable Integer accessTokenTtl,
            @Nullable Integer refreshTokenTtl,
            @Nullable Boolean global) {}

    /** Only the fields sent change. */
    record Update(
            @Size(min = 1, max = 100) @Nullable String name,
            @Size(max = 500) @Nullable String description,
            @Nullable List<String> redirectUris,
            @Nullable List<String> allowedScopes,
            @Nullable List<String> allowedGrantTypes,
            @Nullable Boolean pkceRequired,
            @Nullable Integer accessTokenTtl,
            @Nullable Integer refreshTokenTtl,
            @Nullable Boolean isActive) {}
}
