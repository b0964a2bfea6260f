package org.gauzy.bridge.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.gauzy.bridge.identity.BrowserSignIn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The pages' security, apart from the API's: signed in by the {@link PageSession} cookie (checked like
 * any bearer token: signature, expiry, a live session; see {@link PageSessionFilter}), every form post protected by a CSRF token
 * bound to that session ({@link SessionBoundCsrfTokens}; Thymeleaf adds it to each form as a hidden field), and a page
 * that needs a sign-in sends the browser to the sign-in page and back.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityConfiguration {

    static final String LOGIN = Pages.BASE + "/login";
    static final String ASSETS = Pages.BASE + "/assets/**";

    @Bean
    @Order(1)
    SecurityFilterChain pageSecurity(
            HttpSecurity http, PageSession session, BrowserSignIn signIn, SessionBoundCsrfTokens csrfTokens)
            throws Exception {
        http.securityMatcher(Pages.BASE, Pages.BASE + "/**")
                // No HTTP session, and no session management: it would take each request's sign-in
                // for a new authentication and reset the CSRF cookie every time.
                .sessionManagement(s -> s.disable())
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .authorizeHttpRequests(auth -> auth.requestMatchers(LOGIN, ASSETS)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(new PageSessionFilter(session, signIn), AnonymousAuthenticationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) -> {
                            // A missing, expired or revoked sign-in: forget it and come back here after signing in.
                            session.forget(request, response);
                            String back = request.getRequestURI()
                                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
                            response.setStatus(HttpStatus.SEE_OTHER.value());
                            response.setHeader(
                                    HttpHeaders.LOCATION,
                                    LOGIN + "?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            // Only a missing or stale CSRF token gets here: permissions are the controllers' own.
                            response.setStatus(HttpStatus.FORBIDDEN.value());
                            response.setContentType("text/html;charset=UTF-8");
                            response.getWriter()
                                    .write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                                            + "<title>Form expired · Gauzy</title><link rel=\"stylesheet\" href=\"/pages/assets/pages.css\">"
                                            + "</head><body><main class=\"narrow\"><h1>This form has expired</h1><p>"
                                            + (e instanceof CsrfException
                                                    ? "The page was open too long or was sent from elsewhere."
                                                    : "The request was refused.")
                                            + " Go back, reload the page and try again, or <a href=\"/pages\">start again</a>.</p>"
                                            + "</main></body></html>");
                        }))
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                                        + "style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                                        + "form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }
}
