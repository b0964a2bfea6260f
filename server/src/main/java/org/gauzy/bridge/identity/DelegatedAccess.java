package org.gauzy.bridge.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sessions a user delegates to an OAuth client: what the authorization server builds its grants on.
 * A delegated session is a session like a sign-in's (its tokens are checked on every request, so
 * revoking it ends them at once) but it acts only in one organization and within its scopes, and its
 * access tokens carry the client and this API as audience.
 */
@Service
public class DelegatedAccess {

    /** What a user consented to: the client, the one organization, and the scopes. */
    public record Grant(UUID userId, UUID organizationId, String clientId, Set<String> scopes) {
        public Grant {
            scopes = Set.copyOf(scopes);
        }

        /** The scopes in a stable order, space-separated: the form tokens and storage use. */
        public String scopeString() {
            return String.join(" ", new TreeSet<>(scopes));
        }
    }

    /** The identity and lifetime of one access token, chosen by the caller. */
    public record TokenSpec(String clientId, Set<String> scopes, String tokenId, Instant issuedAt, Instant expiresAt) {
        public TokenSpec {
            scopes = Collections.unmodifiableSortedSet(new TreeSet<>(scopes));
        }
    }

    private final SessionRepository sessions;
    private final SessionContextRepository callers;
    private final RequestContextLoader contexts;
    private final LoginTokens tokens;
    private final JwtDecoder decoder;
    private final Clock clock;

    DelegatedAccess(
            SessionRepository sessions,
            SessionContextRepository callers,
            RequestContextLoader contexts,
            LoginTokens tokens,
            JwtDecoder decoder,
            Clock clock) {
        this.sessions = sessions;
        this.callers = callers;
        this.contexts = contexts;
        this.tokens = tokens;
        this.decoder = decoder;
        this.clock = clock;
    }

    /** Opens the session of a new grant; it lives until {@code expiresAt} unless extended or revoked. */
    @Transactional
    public void open(UUID session, Grant grant, Instant expiresAt) {
        sessions.insertDelegated(
                session,
                grant.userId(),
                grant.clientId(),
                grant.scopeString(),
                grant.organizationId(),
                OffsetDateTime.now(clock),
                OffsetDateTime.ofInstant(expiresAt, clock.getZone()));
    }

    /**
     * A token the signed-in user hands to an automation (the access token of an Activepieces
     * connection): a session of its own, delegated to {@code purpose} with {@code scopes} in the user's
     * current organization until {@code expiresAt}, so signing out does not break the automation and
     * revoking the session ends only it.
     */
    @Transactional
    public String mint(RequestContext user, String purpose, Set<String> scopes, Instant expiresAt) {
        if (user.scopes() != null) {
            throw new ApiException.Forbidden(
                    "Only a signed-in user can mint a token, not an application acting for one");
        }
        UUID session = UUID.randomUUID();
        open(session, new Grant(user.userId(), user.organization(), purpose, scopes), expiresAt);
        return accessToken(
                        session,
                        user.userId(),
                        new TokenSpec(purpose, scopes, UUID.randomUUID().toString(), clock.instant(), expiresAt))
                .orElseThrow(() -> new ApiException.Forbidden("Your account can no longer act in this organization"));
    }

    /**
     * Ends the session of a token {@link #mint minted} for {@code purpose}, if it is one; any other
     * token (a user's own sign-in pasted by hand, say) is left alone.
     */
    @Transactional
    public void revokeMinted(String token, String purpose) {
        liveClientToken(token)
                .filter(jwt -> purpose.equals(jwt.getClaimAsString(LoginTokens.CLIENT_CLAIM)))
                .ifPresent(jwt -> revoke(UUID.fromString(jwt.getClaimAsString(LoginTokens.SESSION_CLAIM))));
    }

    /** Whether the session is neither revoked nor expired. */
    @Transactional(readOnly = true)
    public boolean isLive(UUID session) {
        return sessions.isLive(session, OffsetDateTime.now(clock));
    }

    /**
     * An access token for the session, if the session is live and its user still active and still a
     * member of the granted organization: a token never outlives the user's own access.
     */
    @Transactional(readOnly = true)
    public Optional<String> accessToken(UUID session, UUID user, TokenSpec spec) {
        return callers.delegate(session, user, OffsetDateTime.now(clock))
                .map(delegate -> tokens.issueDelegated(session, user, delegate, spec));
    }

    /** Keeps a live session alive until {@code expiresAt}; false when it was revoked or has expired. */
    @Transactional
    public boolean extend(UUID session, Instant expiresAt) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return sessions.extend(session, now, OffsetDateTime.ofInstant(expiresAt, clock.getZone()));
    }

    @Transactional
    public void revoke(UUID session) {
        sessions.revoke(session, OffsetDateTime.now(clock));
    }

    /** Revokes every session delegated to the client, or only those of one user when {@code user} is given. */
    @Transactional
    public int revokeClient(String clientId, @Nullable UUID user) {
        return sessions.revokeDelegated(clientId, user, OffsetDateTime.now(clock));
    }

    /** Revokes one access token; the rest of its session lives on. */
    @Transactional
    public void revokeAccessToken(String tokenId, Instant expiresAt) {
        sessions.revokeAccessToken(tokenId, OffsetDateTime.ofInstant(expiresAt, clock.getZone()));
    }

    /**
     * The claims of an access token this service issued to a client, if it is still good: signature
     * and expiry valid, its session live and the token not revoked. For introspection.
     */
    @Transactional(readOnly = true)
    public Optional<Jwt> liveClientToken(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException | IllegalArgumentException notOurs) {
            return Optional.empty();
        }
        String session = jwt.getClaimAsString(LoginTokens.SESSION_CLAIM);
        if (!jwt.hasClaim(LoginTokens.CLIENT_CLAIM)
                || session == null
                || jwt.getId() == null
                || jwt.getSubject() == null) {
            return Optional.empty();
        }
        try {
            return contexts.forSession(UUID.fromString(session), UUID.fromString(jwt.getSubject()), jwt.getId(), null)
                    .map(context -> jwt);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** The issuer identifier of every token this service signs (its public base URL). */
    public String issuer() {
        return tokens.issuer();
    }

    /** The audience written into client tokens: this service's API. */
    public String audience() {
        return tokens.audience();
    }
}
