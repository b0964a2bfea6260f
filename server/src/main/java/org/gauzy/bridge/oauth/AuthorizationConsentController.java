package org.gauzy.bridge.oauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.UUID;
import org.gauzy.bridge.identity.RequestContext;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The authorization endpoint's consent form: the user allows or denies, for one of their organizations. */
@Controller
class AuthorizationConsentController {

    private final AuthorizationSteps steps;
    private final AuthorizationBrowser browser;
    private final AuthorizationPages pages;
    private final Consents consents;

    AuthorizationConsentController(
            AuthorizationSteps steps, AuthorizationBrowser browser, AuthorizationPages pages, Consents consents) {
        this.steps = steps;
        this.browser = browser;
        this.pages = pages;
        this.consents = consents;
    }

    @PostMapping(OAuthPaths.AUTHORIZE + "/consent")
    ModelAndView consent(
            @RequestParam MultiValueMap<String, String> form, HttpServletRequest http, HttpServletResponse response) {
        return steps.withRequest(form, response, request -> {
            Optional<AuthorizationBrowser.SignedIn> signedIn = browser.signedIn(http);
            if (signedIn.isEmpty()) {
                return pages.signIn(request, http, response, "Your sign-in has ended; sign in again.", HttpStatus.OK);
            }
            if (!browser.consentCsrfMatches(signedIn.get(), form.getFirst("csrf"))) {
                return AuthorizationPages.error(
                        "This consent form was not issued to your browser session. Start again from the application.");
            }
            if (!"allow".equals(form.getFirst("decision"))) {
                return steps.toClient(request, OAuthError.ACCESS_DENIED, "The user denied the request");
            }
            RequestContext user = signedIn.get().user();
            Optional<String> refusal = AuthorizationSteps.refusal(request, user);
            if (refusal.isPresent()) {
                return steps.toClient(request, OAuthError.ACCESS_DENIED, refusal.get());
            }
            UUID organization = uuid(form.getFirst("organizationId"));
            if (organization == null || !user.memberships().contains(organization)) {
                return pages.consent(
                        request, signedIn.get(), "Choose one of your organizations.", HttpStatus.BAD_REQUEST);
            }
            consents.record(
                    user.tenant(),
                    user.userId(),
                    request.client().clientId(),
                    organization,
                    request.scopeString(),
                    "on".equals(form.getFirst("remember")));
            return steps.approved(request, user, organization);
        });
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
