package org.gauzy.bridge.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /actuator/prometheus} is not public: its series say how busy the service is and how its deliveries
 * fare. A scraper sends {@code Authorization: Bearer <GAUZY_METRICS_TOKEN>}; without a token configured the
 * metrics are not served at all (403 that says how to turn them on). Health stays open for load balancers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
public class MetricsAccessFilter extends OncePerRequestFilter {

    private final byte[] token;
    private final ApiErrorWriter errors;

    MetricsAccessFilter(@Value("${gauzy.metrics.token:}") String token, ApiErrorWriter errors) {
        this.token = token.isBlank() ? new byte[0] : token.trim().getBytes(StandardCharsets.UTF_8);
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().equals(request.getContextPath() + "/actuator/prometheus");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (token.length == 0) {
            errors.write(
                    response,
                    HttpStatus.FORBIDDEN,
                    "Metrics are served to a scraper that sends the token set "
                            + "in GAUZY_METRICS_TOKEN; none is set");
            return;
        }
        String sent = request.getHeader(HttpHeaders.AUTHORIZATION);
        byte[] given = sent != null && sent.startsWith("Bearer ")
                ? sent.substring(7).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (!MessageDigest.isEqual(given, token)) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            errors.write(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "Send Authorization: Bearer <GAUZY_METRICS_TOKEN> to read the metrics");
            return;
        }
        // The token is the scraper's, not a user's: the API's bearer authentication must not read it.
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public @Nullable String getHeader(String name) {
                        return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
                    }

                    @Override
                    public Enumeration<String> getHeaders(String name) {
                        return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)
                                ? Collections.emptyEnumeration()
                                : super.getHeaders(name);
                    }

                    @Override
                    public Enumeration<String> getHeaderNames() {
                        return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                                .filter(h -> !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(h))
                                .toList());
                    }
                },
                response);
    }
}
