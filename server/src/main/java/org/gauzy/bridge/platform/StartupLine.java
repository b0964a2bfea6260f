package org.gauzy.bridge.platform;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Logs one line saying where the service listens and which database it uses. */
@Component
class StartupLine {

    private static final Logger log = LoggerFactory.getLogger(StartupLine.class);

    private final Environment environment;
    private final DataSource dataSource;

    StartupLine(Environment environment, DataSource dataSource) {
        this.environment = environment;
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "3000"));
        log.info(
                "Gauzy bridge listening on http://localhost:{} (API under /api, OpenAPI at /api/docs); database: {}",
                port,
                describeDatabase());
    }

    private String describeDatabase() {
        try (var connection = dataSource.getConnection()) {
            var meta = connection.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion() + " at "
                    + withoutCredentials(meta.getURL());
        } catch (SQLException e) {
            return "unavailable (" + e.getSQLState() + ")";
        }
    }

    /** JDBC URLs may carry user and password as parameters or user-info; keep only the location. */
    static String withoutCredentials(String url) {
        String location = url.replaceAll("//[^/@]*@", "//");
        int parameters = indexOfAny(location, '?', ';');
        return parameters < 0 ? location : location.substring(0, parameters);
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
