package org.gauzy.bridge.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import org.gauzy.bridge.identity.BrowserSignIn;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** Signing in and out of the pages, and the start page that links to everything. */
@PageController
class SignInPageController {

    private final BrowserSignIn signIn;
    private final PageSession session;
    private final SessionBoundCsrfTokens csrfTokens;

    SignInPageController(BrowserSignIn signIn, PageSession session, SessionBoundCsrfTokens csrfTokens) {
        this.signIn = signIn;
        this.session = session;
        this.csrfTokens = csrfTokens;
    }

    @GetMapping({Pages.BASE, Pages.BASE + "/"})
    ModelAndView home() {
        return Pages.view("pages/home", HttpStatus.OK, Map.of());
    }

    @GetMapping(PageSecurityConfiguration.LOGIN)
    ModelAndView loginPage(@RequestParam(required = false) @Nullable String next, HttpServletRequest request) {
        if (session.token(request).flatMap(signIn::signedIn).isPresent()) {
            return Pages.seeOther(safeNext(next));
        }
        return login(next, "", null, HttpStatus.OK);
    }

    @PostMapping(PageSecurityConfiguration.LOGIN)
    ModelAndView login(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String password,
            @RequestParam(required = false) @Nullable String next,
            HttpServletRequest request,
            HttpServletResponse response) {
        String typed = email == null ? "" : email.trim();
        if (typed.isEmpty() || password == null || password.isEmpty()) {
            return login(next, typed, "Enter your email and password.", HttpStatus.BAD_REQUEST);
        }
        try {
            session.keep(request, response, signIn.signIn(typed, password, request.getRemoteAddr()));
            csrfTokens.forgetSignInToken(request, response);
        } catch (ApiException refused) {
            if (refused.retryAfter() != null) {
                response.setHeader(HttpHeaders.RETRY_AFTER, ApiException.retryAfterHeader(refused.retryAfter()));
            }
            return login(next, typed, refused.getMessage(), refused.status());
        }
        return Pages.seeOther(safeNext(next));
    }

    @PostMapping(Pages.BASE + "/logout")
    ModelAndView logout(RequestContext context, HttpServletRequest request, HttpServletResponse response) {
        signIn.signOut(context);
        session.forget(request, response);
        return Pages.seeOther(PageSecurityConfiguration.LOGIN + "?signedOut=true");
    }

    private static ModelAndView login(@Nullable String next, String email, @Nullable String error, HttpStatus status) {
        var model = new HashMap<String, Object>();
        model.put("next", safeNext(next));
        model.put("email", email);
        Pages.putIfPresent(model, "error", error);
        return Pages.view("pages/login", status, model);
    }

    /** Only a page of ours, so the sign-in page cannot be made to send anyone elsewhere. */
    static String safeNext(@Nullable String next) {
        if (next == null) {
            return Pages.BASE;
        }
        boolean ours = (next.equals(Pages.BASE) || next.startsWith(Pages.BASE + "/"))
                && !next.contains("\\")
                && !next.contains("://");
        return ours ? next : Pages.BASE;
    }
}
