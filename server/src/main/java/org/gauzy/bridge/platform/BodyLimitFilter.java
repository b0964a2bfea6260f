package org.gauzy.bridge.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Size before parsing, on every route, signed in or not: a body declared larger than 1 MiB is a 413
 * before anything reads it, and a body without a declared length (chunked) stops being read at 1 MiB
 * and 1 byte, which the error handler answers as a 413 too. Forms are bounded by Tomcat's own limit
 * ({@code server.tomcat.max-http-form-post-size}, set to the same 1 MiB).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class BodyLimitFilter extends OncePerRequestFilter {

    public static final int MAX_BODY_BYTES = 1024 * 1024;
    static final String TOO_LARGE = "The request body is larger than 1 MiB";

    /** Thrown by a body read past the limit; answered as a 413. */
    public static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super(TOO_LARGE, null);
        }
    }

    private final ApiErrorWriter errors;

    BodyLimitFilter(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            response.setHeader("Connection", "close");
            errors.write(response, HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE);
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new Limited(request) : request, response);
    }

    /** A request whose body stops at the limit. */
    private static final class Limited extends HttpServletRequestWrapper {

        private @Nullable ServletInputStream limited;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                ServletInputStream in = super.getInputStream();
                limited = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > MAX_BODY_BYTES) {
                            throw new BodyTooLarge();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0 && (read += n) > MAX_BODY_BYTES) {
                            throw new BodyTooLarge();
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return limited;
        }
    }
}
