package org.gauzy.bridge.identity;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Turns a verified JWT into the caller's context. The signature and expiry were checked by the
 * decoder; here the token must also name a session that is still live.
 */
@Component
class SessionTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final RequestContextLoader loader;
    private final LoginTokens tokens;

    SessionTokenConverter(RequestContextLoader loader, LoginTokens tokens) {
        this.loader = loader;
        this.tokens = tokens;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        UUID session = uuid(jwt.getClaimAsString(LoginTokens.SESSION_CLAIM));
        UUID user = uuid(jwt.getSubject());
        String tokenId = jwt.getId();
        if (session == null || user == null || tokenId == null) {
            throw new InvalidBearerTokenException("The token does not name a session");
        }
        // A token issued to an OAuth client must name this API as its audience.
        if (jwt.hasClaim(LoginTokens.CLIENT_CLAIM) && !jwt.getAudience().contains(tokens.audience())) {
            throw new InvalidBearerTokenException("The token is not meant for this API");
        }
        return loader.forSession(session, user, tokenId, uuid(jwt.getClaimAsString("organizationId")))
                .map(ContextAuthentication::new)
                .orElseThrow(() -> new InvalidBearerTokenException("The session has ended; sign in again"));
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
