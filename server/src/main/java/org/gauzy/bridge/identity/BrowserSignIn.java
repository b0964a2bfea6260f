package org.gauzy.bridge.identity;

import java.util.Optional;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Service;

/**
 * Sign-in for server-rendered pages (the OAuth login and consent pages). The page keeps the sign-in's
 * access token in an HttpOnly cookie; it is the same token as the API's, so it is checked the same
 * way (signature, expiry, a live session) and signing out revokes it everywhere.
 */
@Service
public class BrowserSignIn {

    private final AuthService auth;
    private final JwtDecoder decoder;
    private final SessionTokenConverter converter;

    BrowserSignIn(AuthService auth, JwtDecoder decoder, SessionTokenConverter converter) {
        this.auth = auth;
        this.decoder = decoder;
        this.converter = converter;
    }

    /**
     * Signs in with email and password, throttled like the API's sign-in, and answers the token to keep.
     *
     * @throws org.gauzy.bridge.platform.ApiException when the credentials are wrong or too many attempts failed
     */
    public String signIn(String email, String password, String address) {
        return auth.login(new AuthRequests.Login(email, password), address).token();
    }

    /** Who a kept token belongs to, if it is still good. */
    public Optional<RequestContext> signedIn(String token) {
        return authentication(token).map(ContextAuthentication::getPrincipal);
    }

    /**
     * The authentication a kept token stands for, if it is still good: signature, expiry and a live
     * session, like any bearer token. Only a sign-in's own token counts here, never one delegated to
     * an application (an OAuth client's, or one minted for an Activepieces connection).
     */
    Optional<ContextAuthentication> authentication(String token) {
        try {
            return converter.convert(decoder.decode(token)) instanceof ContextAuthentication authentication
                            && authentication.getPrincipal().scopes() == null
                    ? Optional.of(authentication)
                    : Optional.empty();
        } catch (JwtException | InvalidBearerTokenException | IllegalArgumentException expired) {
            return Optional.empty();
        }
    }

    public void signOut(RequestContext context) {
        auth.logout(context);
    }
}
