package org.gauzy.bridge.oauth;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.gauzy.bridge.identity.DelegatedAccess;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.Page;
import org.gauzy.bridge.platform.Paging;
import org.gauzy.bridge.platform.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client registry. A secret is 256 random bits, shown once, stored as its SHA-256 and compared in
 * constant time: bcrypt would cap the token endpoint near 30 requests/s for no gain on a secret that
 * cannot be guessed. Rotating the secret, deactivating or deleting the client revokes every grant and
 * token issued to it.
 */
@Service
class OAuthClients {

    private final OAuthClientRepository clients;
    private final ConsentRepository consents;
    private final DelegatedAccess access;
    private final SecretTokens secrets;
    private final OAuthSettings settings;
    private final Clock clock;

    OAuthClients(
            OAuthClientRepository clients,
            ConsentRepository consents,
            DelegatedAccess access,
            SecretTokens secrets,
            OAuthSettings settings,
            Clock clock) {
        this.clients = clients;
        this.consents = consents;
        this.access = access;
        this.secrets = secrets;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    OAuthClientView create(RequestContext context, ClientRequests.Create request) {
        boolean global = Boolean.TRUE.equals(request.global());
        if (global && !settings.isOperator(context.email())) {
            throw new ApiException.Forbidden("Only an operator can register a global client (GAUZY_OAUTH_OPERATORS)");
        }
        UUID tenant = global ? null : context.tenant();
        String type = ClientRules.clientType(request.clientType());
        boolean confidential = type.equals(ClientRules.CONFIDENTIAL);
        String secret = confidential ? secrets.generate("gzcs_", 32) : null;
        OffsetDateTime now = OffsetDateTime.now(clock);
        var client = new OAuthClientRepository.Client(
                UUID.randomUUID(),
                tenant,
                secrets.generate("gauzy_", 24),
                secret == null ? null : secrets.hash(secret),
                request.name().trim(),
                trimmed(request.description()),
                type,
                ClientRules.redirectUris(request.redirectUris()),
                ClientRules.scopes(request.allowedScopes()),
                ClientRules.grantTypes(request.allowedGrantTypes()),
                // A public client has no secret: only PKCE binds its code to it.
                !confidential || Boolean.TRUE.equals(request.pkceRequired()),
                ClientRules.ttl(
                        "accessTokenTtl",
                        request.accessTokenTtl(),
                        ClientRules.ACCESS_TTL_MIN,
                        ClientRules.ACCESS_TTL_MAX,
                        ClientRules.ACCESS_TTL_DEFAULT),
                ClientRules.ttl(
                        "refreshTokenTtl",
                        request.refreshTokenTtl(),
                        ClientRules.REFRESH_TTL_MIN,
                        ClientRules.REFRESH_TTL_MAX,
                        ClientRules.REFRESH_TTL_DEFAULT),
                true,
                now,
                now,
                now);
        clients.insert(client);
        OAuthClientView view = view(client);
        return secret == null ? view : view.withSecret(secret);
    }

    @Transactional(readOnly = true)
    Page<OAuthClientView> list(RequestContext context, Paging paging) {
        boolean operator = settings.isOperator(context.email());
        UUID tenant = context.tenant();
        return new Page<>(
                clients.list(tenant, operator, paging.skip(), paging.take()).stream()
                        .map(this::view)
                        .toList(),
                clients.count(tenant, operator));
    }

    @Transactional(readOnly = true)
    OAuthClientView get(RequestContext context, UUID id) {
        return view(existing(context, id));
    }

    @Transactional
    OAuthClientView update(RequestContext context, UUID id, ClientRequests.Update request) {
        var c = existing(context, id);
        boolean confidential = c.clientType().equals(ClientRules.CONFIDENTIAL);
        var updated = new OAuthClientRepository.Client(
                c.id(),
                c.tenantId(),
                c.clientId(),
                c.secretHash(),
                request.name() != null ? request.name().trim() : c.name(),
                request.description() != null ? trimmed(request.description()) : c.description(),
                c.clientType(),
                request.redirectUris() != null ? ClientRules.redirectUris(request.redirectUris()) : c.redirectUris(),
                request.allowedScopes() != null ? ClientRules.scopes(request.allowedScopes()) : c.allowedScopes(),
                request.allowedGrantTypes() != null
                        ? ClientRules.grantTypes(request.allowedGrantTypes())
                        : c.allowedGrantTypes(),
                !confidential || (request.pkceRequired() != null ? request.pkceRequired() : c.pkceRequired()),
                ClientRules.ttl(
                        "accessTokenTtl",
                        request.accessTokenTtl(),
                        ClientRules.ACCESS_TTL_MIN,
                        ClientRules.ACCESS_TTL_MAX,
                        c.accessTokenTtl()),
                ClientRules.ttl(
                        "refreshTokenTtl",
                        request.refreshTokenTtl(),
                        ClientRules.REFRESH_TTL_MIN,
                        ClientRules.REFRESH_TTL_MAX,
                        c.refreshTokenTtl()),
                request.isActive() != null ? request.isActive() : c.isActive(),
                c.tokensValidAfter(),
                c.createdAt(),
                OffsetDateTime.now(clock));
        clients.update(updated);
        if (c.isActive() && !updated.isActive()) {
            access.revokeClient(c.clientId(), null);
        }
        return view(updated);
    }

    @Transactional
    OAuthClientView rotateSecret(RequestContext context, UUID id) {
        var c = existing(context, id);
        if (!c.clientType().equals(ClientRules.CONFIDENTIAL)) {
            throw new ApiException.BadRequest("A public client has no secret to rotate");
        }
        String secret = secrets.generate("gzcs_", 32);
        OffsetDateTime now = OffsetDateTime.now(clock);
        var rotated = new OAuthClientRepository.Client(
                c.id(),
                c.tenantId(),
                c.clientId(),
                secrets.hash(secret),
                c.name(),
                c.description(),
                c.clientType(),
                c.redirectUris(),
                c.allowedScopes(),
                c.allowedGrantTypes(),
                c.pkceRequired(),
                c.accessTokenTtl(),
                c.refreshTokenTtl(),
                c.isActive(),
                now,
                c.createdAt(),
                now);
        clients.update(rotated);
        access.revokeClient(c.clientId(), null);
        return view(rotated).withSecret(secret);
    }

    /** Deletes the client; every grant, token and consent given to it ends with it. */
    @Transactional
    void delete(RequestContext context, UUID id) {
        var client = existing(context, id);
        clients.delete(client.id());
        consents.forgetClient(client.clientId());
        access.revokeClient(client.clientId(), null);
    }

    /** The client whose id and secret these are, if it is active: for client authentication. */
    @Transactional(readOnly = true)
    Optional<OAuthClientRepository.Client> authenticate(String clientId, @Nullable String secret) {
        return clients.findByClientId(clientId)
                .filter(OAuthClientRepository.Client::isActive)
                .filter(c -> c.secretHash() == null
                        ? secret == null
                        : secret != null && secrets.matches(secret, c.secretHash()));
    }

    private OAuthClientRepository.Client existing(RequestContext context, UUID id) {
        return clients.find(context.tenant(), id, settings.isOperator(context.email()))
                .orElseThrow(() -> new ApiException.NotFound("OAuth client", id));
    }

    private OAuthClientView view(OAuthClientRepository.Client c) {
        return new OAuthClientView(
                c.id(),
                c.clientId(),
                c.tenantId(),
                c.tenantId() == null,
                c.name(),
                c.description(),
                c.clientType(),
                c.redirectUris(),
                c.allowedScopes(),
                c.allowedGrantTypes(),
                c.pkceRequired(),
                c.accessTokenTtl(),
                c.refreshTokenTtl(),
                c.isActive(),
                c.createdAt(),
                c.updatedAt(),
                null);
    }

    private static @Nullable String trimmed(@Nullable String value) {
        return value == null || value.isBlank()
                ? null
                : Objects.requireNonNull(value).trim();
    }
}
