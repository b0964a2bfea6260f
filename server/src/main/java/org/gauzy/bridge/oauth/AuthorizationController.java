package org.gauzy.bridge.oauth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.gauzy.bridge.identity.BrowserSignIn;
import org.gauzy.bridge.identity.DelegatedAccess;
import org.gauzy.bridge.identity.OrganizationDirectory;
import org.gauzy.bridge.identity.OrganizationView;
import org.gauzy.bridge.identity.Pages;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The authorization endpoint and its server-rendered sign-in and consent pages. Everything a step
 * needs travels in the request itself (the authorization parameters as hidden fields, the sign-in as
 * an HttpOnly cookie), so any node can serve any step. Form posts answer 303 (RFC 9700 §4.12); the
 * pages cannot be framed, send no referrer and load nothing from elsewhere.
 */
@Controller
class AuthorizationController {

    static final String SESSION_COOKIE = "gauzy_oauth_session";
    static final String LOGIN_CSRF_COOKIE = "gauzy_oauth_csrf";

    private final AuthorizationRequests requests;
    private final AuthorizationCodes codes;
    private final Consents consents;
    private final BrowserSignIn signIn;
    private final OrganizationDirectory organizations;
    private final DelegatedAccess access;
    private final SecretTokens secrets;

    AuthorizationController(
            AuthorizationRequests requests,
            AuthorizationCodes codes,
            Consents consents,
            BrowserSignIn signIn,
            OrganizationDirectory organizations,
            DelegatedAccess access,
            SecretTokens secrets) {
        this.requests = requests;
        this.codes = codes;
        this.consents = consents;
        this.signIn = signIn;
        this.organizations = organizations;
        this.access = access;
        this.secrets = secrets;
    }

    @GetMapping(OAuthPaths.AUTHORIZE)
    ModelAndView authorize(
            @RequestParam MultiValueMap<String, String> query, HttpServletRequest http, HttpServletResponse response) {
        return withRequest(query, response, request -> authorize(request, http, response));
    }

    private ModelAndView authorize(
            AuthorizationRequest request, HttpServletRequest http, HttpServletResponse response) {
        Optional<String> token = cookie(http, SESSION_COOKIE);
        Optional<RequestContext> user = token.flatMap(signIn::signedIn);
        if (user.isEmpty()) {
            if (request.prompt().contains("none")) {
                return Pages.seeOther(request.errorRedirect(
                        OAuthError.of(OAuthError.LOGIN_REQUIRED, "The user is not signed in"), access.issuer()));
            }
            return loginPage(request, http, response, null, HttpStatus.OK);
        }
        return decide(request, user.get(), token.get());
    }

    @PostMapping(OAuthPaths.AUTHORIZE + "/login")
    ModelAndView login(
            @RequestParam MultiValueMap<String, String> form, HttpServletRequest http, HttpServletResponse response) {
        return withRequest(form, response, request -> login(request, form, http, response));
    }

    private ModelAndView login(
            AuthorizationRequest request,
            MultiValueMap<String, String> form,
            HttpServletRequest http,
            HttpServletResponse response) {
        String expected = cookie(http, LOGIN_CSRF_COOKIE).orElse(null);
        if (expected == null || !same(expected, form.getFirst("csrf"))) {
            return loginPage(
                    request, http, response, "Your sign-in form expired; please try again.", HttpStatus.FORBIDDEN);
        }
        String email = form.getFirst("email");
        String password = form.getFirst("password");
        if (email == null || email.isBlank() || password == null || password.isEmpty()) {
            return loginPage(request, http, response, "Enter your email and password.", HttpStatus.BAD_REQUEST);
        }
        try {
            String token = signIn.signIn(email, password, http.getRemoteAddr());
            response.addHeader(
                    HttpHeaders.SET_COOKIE,
                    cookie(SESSION_COOKIE, token, http, "Lax").toString());
        } catch (ApiException refused) {
            if (refused.retryAfter() != null) {
                response.setHeader(HttpHeaders.RETRY_AFTER, ApiException.retryAfterHeader(refused.retryAfter()));
            }
            return loginPage(request, http, response, refused.getMessage(), refused.status());
        }
        return Pages.seeOther(OAuthPaths.AUTHORIZE + "?" + request.query());
    }

    @PostMapping(OAuthPaths.AUTHORIZE + "/consent")
    ModelAndView consent(
            @RequestParam MultiValueMap<String, String> form, HttpServletRequest http, HttpServletResponse response) {
        return withRequest(form, response, request -> consent(request, form, http, response));
    }

    private ModelAndView consent(
            AuthorizationRequest request,
            MultiValueMap<String, String> form,
            HttpServletRequest http,
            HttpServletResponse response) {
        Optional<String> token = cookie(http, SESSION_COOKIE);
        Optional<RequestContext> user = token.flatMap(signIn::signedIn);
        if (user.isEmpty()) {
            return loginPage(request, http, response, "Your sign-in has ended; sign in again.", HttpStatus.OK);
        }
        if (!same(consentCsrf(token.get()), form.getFirst("csrf"))) {
            return errorPage(
                    "This consent form was not issued to your browser session. Start again from the" + " application.");
        }
        if (!"allow".equals(form.getFirst("decision"))) {
            return Pages.seeOther(request.errorRedirect(
                    OAuthError.of(OAuthError.ACCESS_DENIED, "The user denied the request"), access.issuer()));
        }
        RequestContext context = user.get();
        Optional<String> refusal = refusal(request, context);
        if (refusal.isPresent()) {
            return Pages.seeOther(
                    request.errorRedirect(OAuthError.of(OAuthError.ACCESS_DENIED, refusal.get()), access.issuer()));
        }
        UUID organization = uuid(form.getFirst("organizationId"));
        if (organization == null || !context.memberships().contains(organization)) {
            return consentPage(
                    request, context, token.get(), "Choose one of your organizations.", HttpStatus.BAD_REQUEST);
        }
        consents.record(
                context.tenant(),
                context.userId(),
                request.client().clientId(),
                organization,
                request.scopeString(),
                "on".equals(form.getFirst("remember")));
        return approved(request, context, organization);
    }

    @PostMapping(OAuthPaths.AUTHORIZE + "/logout")
    ModelAndView logout(
            @RequestParam MultiValueMap<String, String> form, HttpServletRequest http, HttpServletResponse response) {
        noStore(response);
        Optional<String> token = cookie(http, SESSION_COOKIE);
        token.flatMap(signIn::signedIn)
                .filter(user -> same(consentCsrf(token.get()), form.getFirst("csrf")))
                .ifPresent(signIn::signOut);
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                cookie(SESSION_COOKIE, "", http, "Lax")
                        .mutate()
                        .maxAge(0)
                        .build()
                        .toString());
        try {
            return Pages.seeOther(
                    OAuthPaths.AUTHORIZE + "?" + requests.parse(form).query());
        } catch (AuthorizationRequests.UntrustedRequest | AuthorizationRequests.RedirectableError invalid) {
            return errorPage("You are signed out. Start again from the application.");
        }
    }

    /**
     * Reads the authorization request a page step carries and goes on with it; an untrusted one ends
     * on the error page, any other problem goes back to the client. Nothing of a step is cached.
     */
    private ModelAndView withRequest(
            MultiValueMap<String, String> parameters,
            HttpServletResponse response,
            Function<AuthorizationRequest, ModelAndView> step) {
        noStore(response);
        AuthorizationRequest request;
        try {
            request = requests.parse(parameters);
        } catch (AuthorizationRequests.UntrustedRequest untrusted) {
            return errorPage(untrusted.reason());
        } catch (AuthorizationRequests.RedirectableError error) {
            return Pages.seeOther(error.request().errorRedirect(error.error(), access.issuer()));
        }
        formTarget(response, request);
        return step.apply(request);
    }

    /** What a signed-in user gets: a code at once for a remembered consent, else the consent page. */
    private ModelAndView decide(AuthorizationRequest request, RequestContext user, String token) {
        Optional<String> refusal = refusal(request, user);
        if (refusal.isPresent()) {
            return Pages.seeOther(
                    request.errorRedirect(OAuthError.of(OAuthError.ACCESS_DENIED, refusal.get()), access.issuer()));
        }
        if (!request.prompt().contains("consent")) {
            Optional<UUID> remembered = consents.remembered(
                    user.userId(), request.client().clientId(), request.scopeString(), user.memberships());
            if (remembered.isPresent()) {
                return approved(request, user, remembered.get());
            }
        }
        if (request.prompt().contains("none")) {
            return Pages.seeOther(request.errorRedirect(
                    OAuthError.of(OAuthError.CONSENT_REQUIRED, "The user has not consented to this request"),
                    access.issuer()));
        }
        return consentPage(request, user, token, null, HttpStatus.OK);
    }

    /** Why this user cannot grant this client anything, if they cannot. */
    private static Optional<String> refusal(AuthorizationRequest request, RequestContext user) {
        if (user.tenantId() == null) {
            return Optional.of("The user does not belong to a tenant yet");
        }
        UUID clientTenant = request.client().tenantId();
        if (clientTenant != null && !clientTenant.equals(user.tenantId())) {
            return Optional.of("This application is registered for another tenant and is not available to this user");
        }
        if (user.memberships().isEmpty()) {
            return Optional.of("The user is not a member of any organization");
        }
        return Optional.empty();
    }

    private ModelAndView approved(AuthorizationRequest request, RequestContext user, UUID organization) {
        String code = codes.issue(request, user.userId(), organization);
        return Pages.seeOther(request.redirect(Map.of("code", code), access.issuer()));
    }

    private ModelAndView loginPage(
            AuthorizationRequest request,
            HttpServletRequest http,
            HttpServletResponse response,
            @Nullable String error,
            HttpStatus status) {
        String csrf =
                cookie(http, LOGIN_CSRF_COOKIE).filter(v -> v.length() >= 32).orElseGet(() -> secrets.generate("", 32));
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                cookie(LOGIN_CSRF_COOKIE, csrf, http, "Strict").toString());
        var page = new ModelAndView("oauth/login");
        page.addObject("client", request.client());
        page.addObject("parameters", request.parameters());
        page.addObject("csrf", csrf);
        page.addObject("error", error);
        page.setStatus(status);
        return page;
    }

    private ModelAndView consentPage(
            AuthorizationRequest request,
            RequestContext user,
            String token,
            @Nullable String error,
            HttpStatus status) {
        List<OrganizationView> choices = organizations.list(user.tenant(), user.memberships());
        UUID preselected = user.organizationId() != null
                ? user.organizationId()
                : choices.get(0).id();
        var page = new ModelAndView("oauth/consent");
        page.addObject("client", request.client());
        page.addObject(
                "scopes",
                request.scopes().stream()
                        .map(OAuthScope::of)
                        .flatMap(Optional::stream)
                        .toList());
        page.addObject("organizations", choices);
        page.addObject("preselected", preselected);
        page.addObject("email", user.email());
        page.addObject("redirectHost", URI.create(request.redirectUri()).getHost());
        page.addObject("parameters", request.parameters());
        page.addObject("csrf", consentCsrf(token));
        page.addObject("error", error);
        page.setStatus(status);
        return page;
    }

    private static ModelAndView errorPage(String message) {
        var page = new ModelAndView("oauth/error");
        page.addObject("message", message);
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }

    /** The consent form's CSRF token: derived from the sign-in cookie, which no other site can read. */
    private String consentCsrf(String sessionToken) {
        return secrets.hash("oauth-consent:" + sessionToken);
    }

    /**
     * The pages' forms end in a redirect to the client; browsers apply {@code form-action} to that
     * redirect too, so it must name the client's origin.
     */
    private static void formTarget(HttpServletResponse response, AuthorizationRequest request) {
        URI uri = URI.create(request.redirectUri());
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'"
                        + " data:; base-uri 'none'; form-action 'self' " + origin + "; frame-ancestors 'none'");
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
    }

    /**
     * A cookie for the pages only. It is Secure whenever the service's public address is https, also
     * behind a proxy that ends TLS and forwards plain http.
     */
    private ResponseCookie cookie(String name, String value, HttpServletRequest http, String sameSite) {
        boolean secure = http.isSecure() || access.issuer().startsWith("https://");
        return ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(secure)
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

    private static @Nullable UUID uuid(@Nullable String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
