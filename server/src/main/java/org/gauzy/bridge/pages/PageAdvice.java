package org.gauzy.bridge.pages;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.gauzy.bridge.identity.OrganizationDirectory;
import org.gauzy.bridge.identity.OrganizationView;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page gets: the signed-in user for the layout, a CSRF token made before the page is
 * written (its cookie must be set before the response is committed), and errors as a page, never JSON
 * or a stack trace.
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageAdvice {

    /** Who is signed in, as the layout shows it. */
    public record Me(String email, @Nullable String organizationName, boolean signedIn) {}

    private static final Logger log = LoggerFactory.getLogger(PageAdvice.class);

    private final OrganizationDirectory organizations;

    PageAdvice(OrganizationDirectory organizations) {
        this.organizations = organizations;
    }

    @ModelAttribute("me")
    Me me() {
        Optional<RequestContext> signedIn = RequestContext.current();
        if (signedIn.isPresent()) {
            RequestContext context = signedIn.get();
            String organization = context.tenantId() == null || context.organizationId() == null
                    ? null
                    : organizations
                            .find(context.tenantId(), context.organizationId())
                            .map(OrganizationView::name)
                            .orElse(null);
            return new Me(context.email(), organization, true);
        }
        return new Me("", null, false);
    }

    @ModelAttribute
    void csrf(@Nullable CsrfToken token) {
        if (token != null) {
            token.getToken();
        }
    }

    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException e, HttpServletResponse response) {
        if (e.retryAfter() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, ApiException.retryAfterHeader(e.retryAfter()));
        }
        return Pages.view(
                "pages/error", e.status(), Map.of("status", e.status().value(), "message", e.getMessage(), "me", me()));
    }

    @ExceptionHandler({TypeMismatchException.class, ServletRequestBindingException.class})
    ModelAndView badAddress(Exception e) {
        return Pages.view(
                "pages/error",
                HttpStatus.BAD_REQUEST,
                Map.of(
                        "status",
                        400,
                        "message",
                        "This address is not valid: a part of it is missing or malformed.",
                        "me",
                        me()));
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception e) {
        log.error("A page failed: {}", e.getClass().getName(), e);
        return Pages.view(
                "pages/error",
                HttpStatus.INTERNAL_SERVER_ERROR,
                Map.of(
                        "status",
                        500,
                        "message",
                        "Something went wrong on our side. Try again; if it keeps failing, tell your administrator.",
                        "me",
                        me()));
    }
}
