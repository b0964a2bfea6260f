package org.gauzy.bridge.pages;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.gauzy.bridge.identity.BrowserSignIn;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The pages' sign-in: the session's access token in an HttpOnly, SameSite=Lax cookie scoped to
 * {@code /pages}, so no script can read it and the API never sees it (the API takes bearer headers only).
 * It is Secure whenever the public address is https, also behind a proxy that ends TLS.
 */
@Component
class PageSession {

    static final String COOKIE = "gauzy_session";

    private final BrowserSignIn signIn;

    PageSession(BrowserSignIn signIn) {
        this.signIn = signIn;
    }

    Optional<String> token(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                    return Optional.of(cookie.getValue());
                }
            }
        }
        return Optional.empty();
    }

    void keep(HttpServletRequest request, HttpServletResponse response, String token) {
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie(request, token).build().toString());
    }

    void forget(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie(request, "").maxAge(0).build().toString());
    }

    boolean secure(HttpServletRequest request) {
        return signIn.secureCookies(request);
    }

    private ResponseCookie.ResponseCookieBuilder cookie(HttpServletRequest request, String value) {
        return ResponseCookie.from(COOKIE, value)
                .httpOnly(true)
                .secure(secure(request))
                .sameSite("Lax")
                .path(Pages.BASE);
    }
}
