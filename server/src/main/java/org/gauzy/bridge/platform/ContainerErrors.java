package org.gauzy.bridge.platform;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;

/**
 * The refusals Tomcat makes itself, before any of our code runs (a character it will not take in the
 * request line, headers too large, a malformed request), in our JSON error shape instead of Tomcat's
 * HTML page: a client of the API can read why. Replaces the error report valve Spring Boot puts on the
 * host, after it has done so (this customizer runs last).
 */
final class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new JsonReport());
            if (host instanceof org.apache.catalina.core.StandardHost standard) {
                standard.setErrorReportValveClass(JsonReport.class.getName());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Tomcat's error report, written as {@code {"statusCode","message","error"}}. */
    public static final class JsonReport extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            var ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            ApiError error = ApiError.of(HttpStatusCode.valueOf(status), message(status));
            try {
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("{\"statusCode\":" + error.statusCode() + ",\"message\":\"" + error.message()
                            + "\",\"error\":\"" + error.error() + "\"}");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException closed) {
                // The client is gone; nothing more to tell it.
            }
        }

        /** What to fix; constant text, so nothing of the request is echoed. */
        static String message(int status) {
            return switch (status) {
                case 400 ->
                    "The request could not be read: encode characters such as quotes, spaces and angle "
                            + "brackets in the path and query (Gauzy's [ ] { } | may stay), and send well-formed headers";
                case 413 -> "The request is too large";
                case 414 -> "The request line is too long";
                case 431 -> "The request headers are too large";
                case 505 -> "Use HTTP/1.1";
                default -> "The request was refused before it reached the service";
            };
        }
    }
}
