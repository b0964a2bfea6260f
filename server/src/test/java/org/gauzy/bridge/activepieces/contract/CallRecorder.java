package org.gauzy.bridge.activepieces.contract;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records the calls the service makes to Activepieces during one contract test, as its client logs
 * them ("Activepieces GET /projects 200"), with ids made generic, into
 * {@code target/activepieces-contract/<target>/<test>.calls}: what {@link ContractReportOnRealActivepiecesTests}
 * compares between the sandbox and the real Activepieces, call by call.
 */
final class CallRecorder {

    static final Path ROOT = Path.of("target", "activepieces-contract");
    /** The client's line per call, on the access log, which the tests otherwise keep at WARN. */
    private static final String CLIENT = "org.gauzy.bridge.access.activepieces";

    private final List<String> lines = new ArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            String message = event.getFormattedMessage();
            if (message.startsWith("Activepieces ")) {
                synchronized (lines) {
                    lines.add(generic(message.substring("Activepieces ".length())));
                }
            }
        }
    };

    void start() {
        lines.clear();
        appender.start();
        var client = (Logger) LoggerFactory.getLogger(CLIENT);
        client.setLevel(Level.INFO);
        client.addAppender(appender);
    }

    void stop(String target, String test) {
        var client = (Logger) LoggerFactory.getLogger(CLIENT);
        client.detachAppender(appender);
        client.setLevel(null);
        appender.stop();
        Path file = ROOT.resolve(directory(target)).resolve(test + ".calls");
        try {
            Files.createDirectories(file.getParent());
            synchronized (lines) {
                Files.write(file, lines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String directory(String target) {
        return target.replaceAll("[^0-9A-Za-z.]+", "-");
    }

    /** Activepieces ids (21 letters and digits) and UUIDs become placeholders, so runs compare. */
    static String generic(String call) {
        return call.replaceAll("/[0-9A-Za-z]{21}(?=/|\\s|$)", "/:id")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", ":uuid");
    }
}
