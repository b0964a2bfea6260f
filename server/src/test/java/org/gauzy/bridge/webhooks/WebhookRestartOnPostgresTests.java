package org.gauzy.bridge.webhooks;

import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.support.TestDatabases;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

class WebhookRestartOnPostgresTests extends WebhookRestartTests {

    private final Map<String, Object> database = Map.of(
            "test.database.name", "restart_" + UUID.randomUUID().toString().replace("-", ""));

    @Override
    ApplicationContextInitializer<ConfigurableApplicationContext> database() {
        return new TestDatabases.Postgres();
    }

    @Override
    Map<String, Object> sameDatabase() {
        return database;
    }
}
