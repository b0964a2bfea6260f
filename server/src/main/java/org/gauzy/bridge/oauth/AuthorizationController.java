package org.gauzy.bridge.oauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The authorization endpoint's first step (RFC 6749 §4.1.1): the sign-in page for a browser not signed in,
 * else a decision. The later steps post to {@link AuthorizationSignInController} and
 * {@link AuthorizationConsentController}. Form posts answer 303 (RFC 9700 §4.12); the pages cannot be framed,
 * send no referrer and load nothing from elsewhere.
 */
@Controller
class AuthorizationController {

    private final AuthorizationSteps steps;
    private final AuthorizationBrowser browser;
    private final AuthorizationPages pages;

    AuthorizationController(AuthorizationSteps steps, AuthorizationBrowser browser, AuthorizationPages pages) {
        this.steps = steps;
        this.browser = browser;
        this.pages = pages;
    }

    @GetMapping(OAuthPaths.AUTHORIZE)
    ModelAndView authorize(
            @RequestParam MultiValueMap<String, String> query, HttpServletRequest http, HttpServletResponse response) {
        return steps.withRequest(query, response, request -> {
            Optional<AuthorizationBrowser.SignedIn> signedIn = browser.signedIn(http);
            if (signedIn.isPresent()) {
                return steps.decide(request, signedIn.get());
            }
            if (request.prompt().contains("none")) {
                return steps.toClient(request, OAuthError.LOGIN_REQUIRED, "The user is not signed in");
            }
            return pages.signIn(request, http, response, null, HttpStatus.OK);
        });
    }
}
