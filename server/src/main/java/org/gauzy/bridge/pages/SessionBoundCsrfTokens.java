package org.gauzy.bridge.pages;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.gauzy.bridge.platform.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/**
 * The pages' CSRF tokens, bound to the signed-in session: a signed-in browser's token is derived from its
 * session cookie, which no script and no other site can read or set to a value they know the token of. A CSRF
 * cookie planted by someone else, with a matching field, therefore proves nothing; and every sign-in starts a
 * new session, hence a new token. Only the sign-in form itself, before there is a session, uses a random token
 * in a cookie (HttpOnly, SameSite=Strict, and Secure whenever the public address is https), which sign-in clears.
 */
@Component
final class SessionBoundCsrfTokens implements CsrfTokenRepository {

    static final String COOKIE = "gauzy_pages_csrf";
    static final String PARAMETER = "_csrf";
    static final String HEADER = "X-CSRF-TOKEN";

    private final PageSession session;
    private final SecretTokens secrets;

    SessionBoundCsrfTokens(PageSession session, SecretTokens secrets) {
        this.session = session;
        this.secrets = secrets;
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return session.token(request)
                .map(this::bound)
                .orElseGet(() -> new DefaultCsrfToken(HEADER, PARAMETER, secrets.generate("", 32)));
    }

    @Override
    public void saveToken(@Nullable CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (session.token(request).isPresent() && token != null) {
            return; // derived from the session: nothing to keep
        }
        var cookie = ResponseCookie.from(COOKIE, token == null ? "" : token.getToken())
                .httpOnly(true)
                .secure(session.secure(request))
                .sameSite("Strict")
                .path(Pages.BASE);
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                (token == null ? cookie.maxAge(0) : cookie).build().toString());
    }

    @Override
    public @Nullable CsrfToken loadToken(HttpServletRequest request) {
        Optional<String> signedIn = session.token(request);
        if (signedIn.isPresent()) {
            return bound(signedIn.get());
        }
        Cookie cookie = WebUtils.getCookie(request, COOKIE);
        return cookie != null && cookie.getValue().length() >= 32
                ? new DefaultCsrfToken(HEADER, PARAMETER, cookie.getValue())
                : null;
    }

    /** Forgets the sign-in form's token: once signed in, the session's own takes over. */
    void forgetSignInToken(HttpServletRequest request, HttpServletResponse response) {
        saveToken(null, request, response);
    }

    private CsrfToken bound(String sessionToken) {
        return new DefaultCsrfToken(HEADER, PARAMETER, secrets.hash("pages-csrf:" + sessionToken));
    }
}
