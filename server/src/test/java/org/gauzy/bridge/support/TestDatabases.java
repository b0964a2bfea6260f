package org.gauzy.bridge.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The two databases every storage and HTTP test runs on. Each Spring context gets its own empty
 * database and data folder; PostgreSQL itself is started once per test JVM.
 */
public final class TestDatabases {

    public static final String ADMIN_EMAIL = "admin@bootstrap.test";
    public static final String ADMIN_PASSWORD = "Bootstrap-Admin-1";

    private TestDatabases() {}

    /** In-memory H2 in the embedded default's mode. */
    public static final class H2 implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String name = "bridge_" + UUID.randomUUID().toString().replace("-", "");
            // test.database.file=true keeps the database in a file under the data folder, as the embedded default does.
            boolean file = context.getEnvironment().getProperty("test.database.file", Boolean.class, false);
            String location = file ? "file:" + dataFolder(context) + "/gauzy" : "mem:" + name;
            common(
                    context,
                    "jdbc:h2:" + location
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                    "sa");
        }
    }

    /**
     * A fresh database on the shared embedded PostgreSQL server; {@code test.database.name} names one to
     * keep across application restarts (created the first time).
     */
    public static final class Postgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String kept = context.getEnvironment().getProperty("test.database.name");
            String name = kept != null
                    ? kept
                    : "bridge_" + UUID.randomUUID().toString().replace("-", "");
            EmbeddedPostgres server = Server.INSTANCE.get();
            try (var connection = server.getPostgresDatabase().getConnection();
                    var statement = connection.createStatement()) {
                var exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
                if (!exists.next()) {
                    statement.execute("create database " + name);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create the test database", e);
            }
            common(context, server.getJdbcUrl("postgres", name), "postgres");
        }
    }

    /** A fresh data folder per context, chosen once. */
    private static Path dataFolder(ConfigurableApplicationContext context) {
        String existing = context.getEnvironment().getProperty("test.data-dir");
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            Path data = Files.createTempDirectory("bridge-test-data");
            TestPropertyValues.of("test.data-dir=" + data).applyTo(context);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void common(ConfigurableApplicationContext context, String url, String user) {
        Path data = dataFolder(context);
        TestPropertyValues.of(
                        "spring.datasource.url=" + url,
                        "spring.datasource.username=" + user,
                        "spring.datasource.password=",
                        "gauzy.data-dir=" + data,
                        "gauzy.identity.admin.email=" + ADMIN_EMAIL,
                        "gauzy.identity.admin.password=" + ADMIN_PASSWORD,
                        "gauzy.activepieces.base-url="
                                + TestSandbox.baseUrl(
                                        context.getEnvironment().getProperty("test.sandbox", TestSandbox.DEFAULT)),
                        "gauzy.activepieces.api-key=" + TestSandbox.GLOBAL_KEY)
                .applyTo(context);
    }

    /** One PostgreSQL server for the whole test JVM, stopped when the JVM exits. */
    private enum Server {
        INSTANCE;

        private EmbeddedPostgres server;

        synchronized EmbeddedPostgres get() {
            if (server == null) {
                try {
                    server = EmbeddedPostgres.builder().start();
                } catch (IOException e) {
                    throw new IllegalStateException(
                            "Cannot start embedded PostgreSQL (it refuses to run as root: "
                                    + "run the tests as a normal user, as .ci/run does)",
                            e);
                }
                EmbeddedPostgres started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
            }
            return server;
        }
    }
}
