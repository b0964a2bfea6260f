package org.gauzy.bridge.oauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gauzy.bridge.identity.BrowserSignIn;
import org.gauzy.bridge.pages.Pages;
import org.gauzy.bridge.platform.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The authorization endpoint's sign-in form, and signing out of it to sign in as someone else. */
@Controller
class AuthorizationSignInController {

    private final AuthorizationSteps steps;
    private final AuthorizationBrowser browser;
    private final AuthorizationPages pages;
    private final BrowserSignIn signIn;

    AuthorizationSignInController(
            AuthorizationSteps steps, AuthorizationBrowser browser, AuthorizationPages pages, BrowserSignIn signIn) {
        this.steps = steps;
        this.browser = browser;
        this.pages = pages;
        this.signIn = signIn;
    }

    @PostMapping(OAuthPaths.AUTHORIZE + "/login")
    ModelAndView login(
            @RequestParam MultiValueMap<String, String> form, HttpServletRequest http, HttpServletResponse response) {
        return steps.withRequest(form, response, request -> {
            if (!browser.loginCsrfMatches(http, form.getFirst("csrf"))) {
                return pages.signIn(
                        request, http, response, "Your sign-in form expired; please try again.", HttpStatus.FORBIDDEN);
            }
            String email = form.getFirst("email");
            String password = form.getFirst("password");
            if (email == null || email.isBlank() || password == null || password.isEmpty()) {
                return pages.signIn(request, http, response, "Enter your email and password.", HttpStatus.BAD_REQUEST);
            }
            try {
                browser.keepSignIn(http, response, signIn.signIn(email, password, http.getRemoteAddr()));
            } catch (ApiException refused) {
                if (refused.retryAfter() != null) {
                    response.setHeader(HttpHeaders.RETRY_AFTER, ApiException.retryAfterHeader(refused.retryAfter()));
                }
                return pages.signIn(request, http, response, refused.getMessage(), refused.status());
            }
            return Pages.seeOther(OAuthPaths.AUTHORIZE + "?" + request.query());
        });
    }

    @PostMapping(OAuthPaths.AUTHORIZE + "/logout")
    ModelAndView logout(
            @RequestParam MultiValueMap<String, String> form, HttpServletRequest http, HttpServletResponse response) {
        AuthorizationBrowser.noStore(response);
        browser.signedIn(http)
                .filter(signedIn -> browser.consentCsrfMatches(signedIn, form.getFirst("csrf")))
                .ifPresent(signedIn -> signIn.signOut(signedIn.user()));
        browser.forgetSignIn(http, response);
        try {
            return Pages.seeOther(OAuthPaths.AUTHORIZE + "?" + steps.parse(form).query());
        } catch (AuthorizationRequests.UntrustedRequest | AuthorizationRequests.RedirectableError invalid) {
            return AuthorizationPages.error("You are signed out. Start again from the application.");
        }
    }
}
