package org.gauzy.bridge.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL statements the service runs while an action runs, on every thread, as Spring's JDBC template logs them
 * at debug level (named parameters shown as {@code ?}): to count the queries a request makes. Tests run one at
 * a time, so the statements are the action's and the background workers'; count them by table.
 */
public final class SqlLog {

    private SqlLog() {}

    public static List<String> during(Runnable action) {
        var logger = (Logger) LoggerFactory.getLogger(JdbcTemplate.class);
        Level level = logger.getLevel();
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        try {
            action.run();
        } finally {
            logger.setLevel(level);
            logger.detachAppender(appender);
            appender.stop();
        }
        String prefix = "Executing prepared SQL statement [";
        return appender.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.startsWith(prefix))
                .map(message -> message.substring(prefix.length(), message.length() - 1))
                .toList();
    }
}
