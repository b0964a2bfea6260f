package org.gauzy.bridge.pages;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.gauzy.bridge.identity.BrowserSignIn;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a page request in from the {@link PageSession} cookie. Not Spring's bearer-token filter: that
 * one exempts every request it authenticates from CSRF protection, right for an Authorization header
 * and wrong for a cookie, which the browser sends on its own.
 */
final class PageSessionFilter extends OncePerRequestFilter {

    private final PageSession session;
    private final BrowserSignIn signIn;

    PageSessionFilter(PageSession session, BrowserSignIn signIn) {
        this.session = session;
        this.signIn = signIn;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        session.token(request).flatMap(signIn::authentication).ifPresent(authentication -> {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication);
            SecurityContextHolder.setContext(context);
        });
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
