package org.gauzy.bridge.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@code logback_events_total{level}}: the log events written, by level, as Micrometer's {@code LogbackMetrics}
 * counts them, but from an appender on the root logger instead of a turbo filter. Logback asks a turbo filter
 * about every {@code isDebugEnabled()} and {@code isTraceEnabled()} of every library, logged or not, and that
 * was 2.7 % of a request's CPU; an appender sees only the events that are written. Its auto-configuration is
 * excluded (application.yml).
 */
@Component
class LogEventMetrics implements DisposableBean {

    private static final String APPENDER = "log-event-metrics";

    private final Logger root;
    private final AppenderBase<ILoggingEvent> counting;

    LogEventMetrics(MeterRegistry registry) {
        Counter error = counter(registry, "error");
        Counter warn = counter(registry, "warn");
        Counter info = counter(registry, "info");
        Counter debug = counter(registry, "debug");
        Counter trace = counter(registry, "trace");
        this.counting = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                switch (event.getLevel().toInt()) {
                    case Level.ERROR_INT -> error.increment();
                    case Level.WARN_INT -> warn.increment();
                    case Level.INFO_INT -> info.increment();
                    case Level.DEBUG_INT -> debug.increment();
                    default -> trace.increment();
                }
            }
        };
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        counting.setContext(context);
        counting.setName(APPENDER);
        counting.start();
        this.root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(counting);
    }

    private static Counter counter(MeterRegistry registry, String level) {
        return Counter.builder("logback.events")
                .tag("level", level)
                .description("Number of log events written, by level")
                .baseUnit("events")
                .register(registry);
    }

    @Override
    public void destroy() {
        root.detachAppender(counting);
        counting.stop();
    }
}
