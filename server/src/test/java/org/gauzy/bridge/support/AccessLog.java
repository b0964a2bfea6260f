package org.gauzy.bridge.support;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * The access log on (INFO) for a test that reads it, and back to its configured level after: the tests keep it
 * at WARN, and a level left behind would change what every later test of the suite writes.
 */
public final class AccessLog implements AutoCloseable {

    private static final String LOGGER = "org.gauzy.bridge.access";

    private final LoggingSystem logging = LoggingSystem.get(AccessLog.class.getClassLoader());
    private final @Nullable LogLevel configured;

    private AccessLog() {
        var configuration = logging.getLoggerConfiguration(LOGGER);
        configured = configuration == null ? null : configuration.getConfiguredLevel();
        logging.setLogLevel(LOGGER, LogLevel.INFO);
    }

    public static AccessLog on() {
        return new AccessLog();
    }

    @Override
    public void close() {
        logging.setLogLevel(LOGGER, configured);
    }
}
