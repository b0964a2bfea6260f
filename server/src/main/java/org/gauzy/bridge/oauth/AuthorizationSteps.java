package org.gauzy.bridge.oauth;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.gauzy.bridge.identity.DelegatedAccess;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.pages.Pages;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the authorization endpoint's steps share. Everything a step needs travels in the request itself (the
 * authorization parameters as hidden fields, the sign-in as a cookie), so any node can serve any step.
 */
@Component
class AuthorizationSteps {

    private final AuthorizationRequests requests;
    private final AuthorizationCodes codes;
    private final Consents consents;
    private final DelegatedAccess access;
    private final AuthorizationPages pages;

    AuthorizationSteps(
            AuthorizationRequests requests,
            AuthorizationCodes codes,
            Consents consents,
            DelegatedAccess access,
            AuthorizationPages pages) {
        this.requests = requests;
        this.codes = codes;
        this.consents = consents;
        this.access = access;
        this.pages = pages;
    }

    /**
     * Reads the authorization request a step carries and goes on with it; an untrusted one ends on the error
     * page, any other problem goes back to the client. Nothing of a step is cached.
     */
    ModelAndView withRequest(
            MultiValueMap<String, String> parameters,
            HttpServletResponse response,
            Function<AuthorizationRequest, ModelAndView> step) {
        AuthorizationBrowser.noStore(response);
        AuthorizationRequest request;
        try {
            request = requests.parse(parameters);
        } catch (AuthorizationRequests.UntrustedRequest untrusted) {
            return AuthorizationPages.error(untrusted.reason());
        } catch (AuthorizationRequests.RedirectableError error) {
            return Pages.seeOther(error.request().errorRedirect(error.error(), access.issuer()));
        }
        AuthorizationBrowser.formTarget(response, request);
        return step.apply(request);
    }

    /** What a signed-in user gets: a code at once for a remembered consent, else the consent page. */
    ModelAndView decide(AuthorizationRequest request, AuthorizationBrowser.SignedIn signedIn) {
        RequestContext user = signedIn.user();
        Optional<String> refusal = refusal(request, user);
        if (refusal.isPresent()) {
            return toClient(request, OAuthError.ACCESS_DENIED, refusal.get());
        }
        if (!request.prompt().contains("consent")) {
            Optional<UUID> remembered = consents.remembered(
                    user.userId(), request.client().clientId(), request.scopeString(), user.memberships());
            if (remembered.isPresent()) {
                return approved(request, user, remembered.get());
            }
        }
        if (request.prompt().contains("none")) {
            return toClient(request, OAuthError.CONSENT_REQUIRED, "The user has not consented to this request");
        }
        return pages.consent(request, signedIn, null, HttpStatus.OK);
    }

    /** Why this user cannot grant this client anything, if they cannot. */
    static Optional<String> refusal(AuthorizationRequest request, RequestContext user) {
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

    ModelAndView approved(AuthorizationRequest request, RequestContext user, UUID organization) {
        String code = codes.issue(request, user.userId(), organization);
        return Pages.seeOther(request.redirect(Map.of("code", code), access.issuer()));
    }

    /** An OAuth error, sent to the client at its redirect URI. */
    ModelAndView toClient(AuthorizationRequest request, String error, String description) {
        return Pages.seeOther(request.errorRedirect(OAuthError.of(error, description), access.issuer()));
    }

    AuthorizationRequest parse(MultiValueMap<String, String> parameters) {
        return requests.parse(parameters);
    }
}
