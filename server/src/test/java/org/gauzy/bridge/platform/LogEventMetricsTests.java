package org.gauzy.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The counts by level survive a reset of Logback's configuration, which detaches every appender. */
class LogEventMetricsTests {

    @Test
    void eventsAreCountedByLevelBeforeAndAfterAReset() {
        var context = new LoggerContext();
        context.start();
        var registry = new SimpleMeterRegistry();
        var metrics = new LogEventMetrics(registry, context);
        Logger logger = context.getLogger("counted");
        // A new context's root logs from DEBUG.
        logger.warn("one");
        logger.error("two");
        logger.debug("three");

        context.reset();
        logger.warn("four");

        assertThat(count(registry, "warn")).isEqualTo(2);
        assertThat(count(registry, "error")).isEqualTo(1);
        assertThat(count(registry, "debug")).isEqualTo(1);
        assertThat(count(registry, "trace")).isZero();

        metrics.destroy();
        logger.warn("not counted");
        assertThat(count(registry, "warn")).isEqualTo(2);
        assertThat(context.getCopyOfListenerList()).isEmpty();
    }

    private static double count(SimpleMeterRegistry registry, String level) {
        return registry.get("logback.events").tag("level", level).counter().count();
    }
}
