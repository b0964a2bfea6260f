package org.gauzy.bridge.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 with {@code Retry-After} when the database is away and the failure escapes before a handler runs
 * (checking a bearer token reads its session): outermost but for the request id, so that whatever filter or
 * handler met the outage, the client learns to retry rather than that its token is bad.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    private final ApiErrorWriter errors;

    DatabaseOutageFilter(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException failure) {
            if (!DatabaseOutage.isOutage(failure) || response.isCommitted()) {
                throw failure;
            }
            log.warn("Database unavailable: answered 503 to {} {}", request.getMethod(), request.getRequestURI());
            response.resetBuffer();
            errors.write(response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutage.MESSAGE, DatabaseOutage.RETRY_AFTER);
        }
    }
}
