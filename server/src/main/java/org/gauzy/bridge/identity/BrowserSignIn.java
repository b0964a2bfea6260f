package org.gauzy.bridge.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.Authentication;
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
    private final IdentitySettings settings;

    BrowserSignIn(AuthService auth, JwtDecoder decoder, SessionTokenConverter converter, IdentitySettings settings) {
        this.auth = auth;
        this.decoder = decoder;
        this.converter = converter;
        this.settings = settings;
    }

    /**
     * Whether the cookies that keep a sign-in must be Secure: whenever the request came over https or the
     * service's public address is https, also behind a proxy that ends TLS and forwards plain http.
     */
    public boolean secureCookies(HttpServletRequest request) {
        return request.isSecure() || settings.issuer().startsWith("https://");
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
        return signInOf(token).map(ContextAuthentication::getPrincipal);
    }

    /**
     * The authentication a kept token stands for, if it is still good: signature, expiry and a live
     * session, like any bearer token. Only a sign-in's own token counts here, never one delegated to
     * an application (an OAuth client's, or one minted for an Activepieces connection).
     */
    public Optional<Authentication> authentication(String token) {
        return signInOf(token).map(Authentication.class::cast);
    }

    private Optional<ContextAuthentication> signInOf(String token) {
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
