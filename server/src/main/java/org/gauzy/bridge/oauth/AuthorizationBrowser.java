package org.gauzy.bridge.oauth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.gauzy.bridge.identity.BrowserSignIn;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * What the authorization pages keep in the browser, and the headers every step sends: the sign-in as an
 * HttpOnly cookie, the sign-in form's CSRF cookie (double submit), the consent form's CSRF token (derived
 * from the sign-in cookie, which no other site can read), no caching, and where the forms may post.
 */
@Component
class AuthorizationBrowser {

    static final String SESSION_COOKIE = "gauzy_oauth_session";
    static final String LOGIN_CSRF_COOKIE = "gauzy_oauth_csrf";

    /** A browser's sign-in: its cookie's token and who it is. */
    record SignedIn(String token, RequestContext user) {}

    private final BrowserSignIn signIn;
    private final SecretTokens secrets;

    AuthorizationBrowser(BrowserSignIn signIn, SecretTokens secrets) {
        this.signIn = signIn;
        this.secrets = secrets;
    }

    Optional<SignedIn> signedIn(HttpServletRequest http) {
        return cookie(http, SESSION_COOKIE)
                .flatMap(token -> signIn.signedIn(token).map(user -> new SignedIn(token, user)));
    }

    void keepSignIn(HttpServletRequest http, HttpServletResponse response, String token) {
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                cookie(SESSION_COOKIE, token, http, "Lax").toString());
    }

    void forgetSignIn(HttpServletRequest http, HttpServletResponse response) {
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                cookie(SESSION_COOKIE, "", http, "Lax")
                        .mutate()
                        .maxAge(0)
                        .build()
                        .toString());
    }

    /** The sign-in form's CSRF value: the browser's own when it has one, else a new one it is given. */
    String loginCsrf(HttpServletRequest http, HttpServletResponse response) {
        String csrf =
                cookie(http, LOGIN_CSRF_COOKIE).filter(v -> v.length() >= 32).orElseGet(() -> secrets.generate("", 32));
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                cookie(LOGIN_CSRF_COOKIE, csrf, http, "Strict").toString());
        return csrf;
    }

    boolean loginCsrfMatches(HttpServletRequest http, @Nullable String presented) {
        return cookie(http, LOGIN_CSRF_COOKIE)
                .map(expected -> same(expected, presented))
                .orElse(false);
    }

    String consentCsrf(SignedIn signedIn) {
        return secrets.hash("oauth-consent:" + signedIn.token());
    }

    boolean consentCsrfMatches(SignedIn signedIn, @Nullable String presented) {
        return same(consentCsrf(signedIn), presented);
    }

    static void noStore(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
    }

    /**
     * The pages' forms end in a redirect to the client; browsers apply {@code form-action} to that
     * redirect too, so it must name the client's origin.
     */
    static void formTarget(HttpServletResponse response, AuthorizationRequest request) {
        URI uri = URI.create(request.redirectUri());
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none';"
                        + " form-action 'self' " + origin + "; frame-ancestors 'none'");
    }

    /** A cookie for the authorization pages only, Secure as every sign-in cookie is. */
    private ResponseCookie cookie(String name, String value, HttpServletRequest http, String sameSite) {
        return ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(signIn.secureCookies(http))
                .sameSite(sameSite)
                .path(OAuthPaths.BASE)
                .build();
    }

    private static Optional<String> cookie(HttpServletRequest http, String name) {
        Cookie[] cookies = http.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name) && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private static boolean same(String expected, @Nullable String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
