package org.gauzy.bridge.oauth;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.identity.DelegatedAccess;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.SecretTokens;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Authorizes an Activepieces connection for the signed-in user without a browser: as the authorization
 * server, this service registers a confidential client for the one connection (its secret shown only to
 * the caller, who hands it to Activepieces), records the user's consent for their organization, and
 * issues an authorization code that Activepieces exchanges at the token endpoint and later refreshes,
 * as it does for any OAuth2 connection. The grant shows among the user's authorized apps; revoking it
 * there, or deleting the connection (which deletes the client), ends Activepieces' access at once.
 */
@Service
public class ConnectionAuthorizer {

    /** The scope the ever-gauzy piece asks for. */
    public static final String SCOPE = OAuthScope.ALL.value();

    /** What Activepieces needs to claim the connection; the secret and the code are shown only here. */
    public record Authorization(String clientId, String clientSecret, String redirectUri, String code, String scope) {

        @Override
        public String toString() {
            return "Authorization[" + clientId + ", secret ****, " + redirectUri + ", code ****, " + scope + "]";
        }
    }

    private final OAuthClientRepository clients;
    private final Consents consents;
    private final ConsentRepository consentRows;
    private final AuthorizationCodes codes;
    private final DelegatedAccess access;
    private final SecretTokens secrets;
    private final Clock clock;

    ConnectionAuthorizer(
            OAuthClientRepository clients,
            Consents consents,
            ConsentRepository consentRows,
            AuthorizationCodes codes,
            DelegatedAccess access,
            SecretTokens secrets,
            Clock clock) {
        this.clients = clients;
        this.consents = consents;
        this.consentRows = consentRows;
        this.codes = codes;
        this.access = access;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * A client named {@code name} whose only redirect URI is {@code redirectUri} (never visited: the code
     * goes to Activepieces in the connection, and comes back with the exchange), and a code for the user
     * in the organization the request acts in.
     *
     * @param accessTokenTtl seconds an access token lives before Activepieces refreshes it
     */
    @Transactional
    public Authorization authorize(RequestContext user, String name, String redirectUri, int accessTokenTtl) {
        String secret = secrets.generate("gzcs_", 32);
        OffsetDateTime now = OffsetDateTime.now(clock);
        var client = new OAuthClientRepository.Client(
                UUID.randomUUID(),
                user.tenant(),
                secrets.generate("gauzy_", 24),
                secrets.hash(secret),
                name,
                "Made by Gauzy for one Activepieces connection",
                ClientRules.CONFIDENTIAL,
                List.of(redirectUri),
                List.of(SCOPE),
                List.of("authorization_code", "refresh_token"),
                false,
                Math.max(ClientRules.ACCESS_TTL_MIN, Math.min(ClientRules.ACCESS_TTL_MAX, accessTokenTtl)),
                ClientRules.REFRESH_TTL_DEFAULT,
                true,
                now,
                now,
                now);
        clients.insert(client);
        UUID organization = user.organization();
        consents.record(user.tenant(), user.userId(), client.clientId(), organization, SCOPE, true);
        var request = new AuthorizationRequest(client, redirectUri, null, Set.of(SCOPE), null, Set.of(), Map.of());
        return new Authorization(
                client.clientId(), secret, redirectUri, codes.issue(request, user.userId(), organization), SCOPE);
    }

    /** Deletes a connection's client of the tenant: every grant, token and consent given to it ends with it. */
    @Transactional
    public void forget(UUID tenant, String clientId) {
        clients.findByClientId(clientId)
                .filter(c -> tenant.equals(c.tenantId()))
                .ifPresent(client -> {
                    clients.delete(client.id());
                    consentRows.forgetClient(client.clientId());
                    access.revokeClient(client.clientId(), null);
                });
    }
}
