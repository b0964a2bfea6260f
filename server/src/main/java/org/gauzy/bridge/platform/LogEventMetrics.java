package org.gauzy.bridge.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.AppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.DisposableBean;

/**
 * {@code logback_events_total{level}}: the log events written, by level, as Micrometer's {@code LogbackMetrics}
 * counts them, but from an appender on the root logger instead of a turbo filter. Logback asks a turbo filter
 * about every {@code isDebugEnabled()} and {@code isTraceEnabled()} of every library, logged or not, and that
 * was 2.7 % of a request's CPU; an appender sees only the events that are written. Its auto-configuration is
 * excluded (application.yml). A reset of Logback's configuration detaches every appender, so this one attaches
 * itself again after each; a stopped Logback context drops its listeners, and the count with them, as it drops
 * Micrometer's filter.
 */
class LogEventMetrics implements DisposableBean {

    private final LoggerContext context;
    private final AppenderBase<ILoggingEvent> counting;
    private final LoggerContextListener reattach = new LoggerContextListener() {
        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext reset) {
            attach();
        }

        @Override
        public void onStart(LoggerContext started) {}

        @Override
        public void onStop(LoggerContext stopped) {}

        @Override
        public void onLevelChange(Logger logger, Level level) {}
    };

    LogEventMetrics(MeterRegistry registry, LoggerContext context) {
        this.context = context;
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
        counting.setContext(context);
        counting.setName("log-event-metrics");
        attach();
        context.addListener(reattach);
    }

    private void attach() {
        counting.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(counting);
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
        context.removeListener(reattach);
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(counting);
        counting.stop();
    }
}
