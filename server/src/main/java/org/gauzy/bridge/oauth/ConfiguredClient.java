package org.gauzy.bridge.oauth;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.gauzy.bridge.identity.DelegatedAccess;
import org.gauzy.bridge.platform.SecretTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Keeps the global client named by configuration ({@code GAUZY_OAUTH_APP_CLIENT_ID},
 * {@code GAUZY_OAUTH_APP_CLIENT_SECRET}, {@code GAUZY_OAUTH_APP_REDIRECT_URIS}) as configured: created on
 * first start, its secret and redirect URIs brought in line on every start.
 */
@Component
class ConfiguredClient implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredClient.class);
    static final int MIN_SECRET_LENGTH = 32;

    private final OAuthClientRepository clients;
    private final DelegatedAccess access;
    private final SecretTokens secrets;
    private final OAuthSettings settings;
    private final Clock clock;

    ConfiguredClient(
            OAuthClientRepository clients,
            DelegatedAccess access,
            SecretTokens secrets,
            OAuthSettings settings,
            Clock clock) {
        this.clients = clients;
        this.access = access;
        this.secrets = secrets;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        var configured = settings.client();
        if (!StringUtils.hasText(configured.clientId())) {
            return;
        }
        String secret = configured.clientSecret();
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(
                    "GAUZY_OAUTH_APP_CLIENT_SECRET must be at least " + MIN_SECRET_LENGTH + " random characters");
        }
        List<String> uris = ClientRules.redirectUris(configured.redirectUris());
        OffsetDateTime now = OffsetDateTime.now(clock);
        var existing = clients.findByClientId(configured.clientId());
        if (existing.isEmpty()) {
            clients.insert(new OAuthClientRepository.Client(
                    UUID.randomUUID(),
                    null,
                    configured.clientId(),
                    secrets.hash(secret),
                    configured.name(),
                    "Configured by the operator",
                    ClientRules.CONFIDENTIAL,
                    uris,
                    List.of(OAuthScope.ALL.value()),
                    ClientRules.grantTypes(null),
                    false,
                    ClientRules.ACCESS_TTL_DEFAULT,
                    ClientRules.REFRESH_TTL_DEFAULT,
                    true,
                    now,
                    now,
                    now));
            log.info("Registered the configured global OAuth client {}", configured.clientId());
            return;
        }
        var c = existing.get();
        boolean secretChanged = c.secretHash() == null || !secrets.matches(secret, c.secretHash());
        if (secretChanged || !c.redirectUris().equals(uris)) {
            clients.update(new OAuthClientRepository.Client(
                    c.id(),
                    c.tenantId(),
                    c.clientId(),
                    secrets.hash(secret),
                    c.name(),
                    c.description(),
                    c.clientType(),
                    uris,
                    c.allowedScopes(),
                    c.allowedGrantTypes(),
                    c.pkceRequired(),
                    c.accessTokenTtl(),
                    c.refreshTokenTtl(),
                    c.isActive(),
                    secretChanged ? now : c.tokensValidAfter(),
                    c.createdAt(),
                    now));
            if (secretChanged) {
                access.revokeClient(c.clientId(), null);
            }
            log.info("Updated the configured global OAuth client {} from configuration", configured.clientId());
        }
    }
}
