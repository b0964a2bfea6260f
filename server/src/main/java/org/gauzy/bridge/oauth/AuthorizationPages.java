package org.gauzy.bridge.oauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.gauzy.bridge.identity.OrganizationDirectory;
import org.gauzy.bridge.identity.OrganizationView;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/** The three pages of the authorization endpoint: sign-in, consent, and the error that cannot go to a client. */
@Component
class AuthorizationPages {

    private final AuthorizationBrowser browser;
    private final OrganizationDirectory organizations;

    AuthorizationPages(AuthorizationBrowser browser, OrganizationDirectory organizations) {
        this.browser = browser;
        this.organizations = organizations;
    }

    ModelAndView signIn(
            AuthorizationRequest request,
            HttpServletRequest http,
            HttpServletResponse response,
            @Nullable String error,
            HttpStatus status) {
        var page = new ModelAndView("oauth/login");
        page.addObject("client", request.client());
        page.addObject("parameters", request.parameters());
        page.addObject("csrf", browser.loginCsrf(http, response));
        page.addObject("error", error);
        page.setStatus(status);
        return page;
    }

    ModelAndView consent(
            AuthorizationRequest request,
            AuthorizationBrowser.SignedIn signedIn,
            @Nullable String error,
            HttpStatus status) {
        var user = signedIn.user();
        List<OrganizationView> choices = organizations.list(user.tenant(), user.memberships());
        UUID current = user.organizationId();
        var page = new ModelAndView("oauth/consent");
        page.addObject("client", request.client());
        page.addObject(
                "scopes",
                request.scopes().stream()
                        .map(OAuthScope::of)
                        .flatMap(Optional::stream)
                        .toList());
        page.addObject("organizations", choices);
        page.addObject("preselected", current != null ? current : choices.get(0).id());
        page.addObject("email", user.email());
        page.addObject("redirectHost", URI.create(request.redirectUri()).getHost());
        page.addObject("parameters", request.parameters());
        page.addObject("csrf", browser.consentCsrf(signedIn));
        page.addObject("error", error);
        page.setStatus(status);
        return page;
    }

    static ModelAndView error(String message) {
        var page = new ModelAndView("oauth/error");
        page.addObject("message", message);
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }
}
