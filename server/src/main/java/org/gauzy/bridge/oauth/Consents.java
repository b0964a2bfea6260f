package org.gauzy.bridge.oauth;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.gauzy.bridge.identity.DelegatedAccess;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consents users gave: the applications with access, which a user (or an admin) can revoke, and
 * which ends every grant the user gave that client at once. A user who ticked "remember" is not asked
 * again by the same client for the same scopes in the same organization.
 */
@Service
class Consents {

    record ConsentView(
            UUID id,
            UUID userId,
            String clientId,
            @Nullable String clientName,
            UUID organizationId,
            List<String> scopes,
            boolean remembered,
            OffsetDateTime createdAt,
            @Nullable OffsetDateTime lastUsedAt) {}

    private final ConsentRepository consents;
    private final DelegatedAccess access;
    private final Clock clock;

    Consents(ConsentRepository consents, DelegatedAccess access, Clock clock) {
        this.consents = consents;
        this.access = access;
        this.clock = clock;
    }

    /** The organization of the one remembered consent that still applies, if there is exactly one. */
    @Transactional(readOnly = true)
    Optional<UUID> remembered(UUID user, String clientId, String scopes, Collection<UUID> organizations) {
        var applicable = consents.findRemembered(user, clientId, scopes).stream()
                .map(ConsentRepository.Consent::organizationId)
                .filter(organizations::contains)
                .toList();
        return applicable.size() == 1 ? Optional.of(applicable.get(0)) : Optional.empty();
    }

    @Transactional
    void record(UUID tenant, UUID user, String clientId, UUID organization, String scopes, boolean remember) {
        consents.record(new ConsentRepository.Consent(
                UUID.randomUUID(), tenant, user, clientId, organization, scopes, remember, OffsetDateTime.now(clock)));
    }

    /** The caller's own consents; with OAUTH_CLIENT_EDIT, everyone's in the tenant. */
    @Transactional(readOnly = true)
    List<ConsentView> list(RequestContext context, boolean everyone) {
        if (everyone && !context.has(Permission.OAUTH_CLIENT_EDIT)) {
            throw new ApiException.Forbidden("Listing everyone's consents needs the OAUTH_CLIENT_EDIT permission");
        }
        return consents.list(context.tenant(), everyone ? null : context.userId()).stream()
                .map(Consents::view)
                .toList();
    }

    /**
     * Revokes a consent: the user's own, or, with OAUTH_CLIENT_EDIT, anyone's in the tenant. Every
     * consent and grant of that user to that client ends with it.
     */
    @Transactional
    void revoke(RequestContext context, UUID id) {
        var consent = consents.get(context.tenant(), id)
                .filter(c -> c.userId().equals(context.userId()) || context.has(Permission.OAUTH_CLIENT_EDIT))
                .orElseThrow(() -> new ApiException.NotFound("Consent", id));
        consents.forget(consent.userId(), consent.clientId());
        access.revokeClient(consent.clientId(), consent.userId());
    }

    private static ConsentView view(ConsentRepository.Listed listed) {
        var c = listed.consent();
        return new ConsentView(
                c.id(),
                c.userId(),
                c.clientId(),
                listed.clientName(),
                c.organizationId(),
                List.of(c.scopes().split(" ")),
                c.remembered(),
                c.createdAt(),
                listed.lastUsedAt());
    }
}
