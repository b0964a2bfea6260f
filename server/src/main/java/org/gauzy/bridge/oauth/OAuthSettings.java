package org.gauzy.bridge.oauth;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param operators emails of the users who may create and manage global clients ({@code GAUZY_OAUTH_OPERATORS})
 * @param client a global client kept as configured ({@code GAUZY_OAUTH_APP_CLIENT_ID} and friends), for a
 *        deployment whose one Activepieces app serves every tenant
 */
@ConfigurationProperties("gauzy.oauth")
record OAuthSettings(List<String> operators, ConfiguredClient client) {

    record ConfiguredClient(@Nullable String clientId, @Nullable String clientSecret, List<String> redirectUris,
            String name) {
    }

    boolean isOperator(String email) {
        return operators.stream().anyMatch(o -> o.trim().equalsIgnoreCase(email));
    }
}
