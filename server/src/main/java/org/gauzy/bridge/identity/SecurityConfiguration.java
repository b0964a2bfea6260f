package org.gauzy.bridge.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;
import java.time.Duration;
import org.gauzy.bridge.platform.ApiErrorWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's security: stateless bearer tokens on {@code /api/**} (no cookies, hence no CSRF), the
 * tenant guard right after authentication, errors in Gauzy's shape, and security headers on every
 * response. Which permission each endpoint needs is declared on the endpoint itself.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Reachable without a token; everything else under /api needs one. */
    static final String[] PUBLIC_API = {
        "/api/auth/login", "/api/auth/register", "/api/auth/refresh-token",
        "/api/docs", "/api/docs.yaml", "/api/docs/**",
        // The OAuth protocol endpoints authenticate clients and users themselves.
        "/api/integration/ever-gauzy/oauth/**"
    };

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            SessionTokenConverter tokens,
            ApiErrorWriter errors,
            OrganizationRepository organizations,
            JsonMapper json)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.requestMatchers(PUBLIC_API)
                        .permitAll()
                        .requestMatchers("/api/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint((request, response, e) -> {
                            boolean tokenSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
                            response.setHeader(
                                    HttpHeaders.WWW_AUTHENTICATE,
                                    tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
                            errors.write(
                                    response,
                                    HttpStatus.UNAUTHORIZED,
                                    tokenSent
                                            ? "The bearer token is invalid, expired or revoked; sign in again"
                                            : "Sign in first: send Authorization: Bearer <token>");
                        }))
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) ->
                        errors.write(response, HttpStatus.FORBIDDEN, "You are not allowed to do this")))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; "
                                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
                                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny()))
                .addFilterAfter(
                        new TenantGuardFilter(organizations, errors, json), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /** Spring's strict firewall, with the same character rules checked without a regular expression. */
    @Bean
    HttpFirewall httpFirewall() {
        var firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(RequestCharacters::name);
        firewall.setAllowedHeaderValues(RequestCharacters::headerValue);
        firewall.setAllowedParameterNames(RequestCharacters::name);
        return firewall;
    }

    /**
     * Spring Security observes nothing: observing every filter of every request cost about 9 % of the
     * CPU of a token request (measured), and turning observations off by property still wraps every
     * filter in a decorator that names it on each request (2 to 3 %). HTTP server metrics per request
     * are kept.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, IdentitySettings settings, Clock clock) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys.publicKeys())));
        // Claims are validated by Spring's validators below: the issuer, and expiry and not-before with a minute of
        // skew, on the service's clock (the one sessions and the token cache use), not the system's behind it.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        var decoder = new NimbusJwtDecoder(processor);
        var timestamps = new JwtTimestampValidator(Duration.ofSeconds(60));
        timestamps.setClock(clock);
        decoder.setJwtValidator(
                new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(settings.issuer())));
        return new VerifiedTokens(decoder, clock);
    }
}
