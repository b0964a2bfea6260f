package org.gauzy.bridge.webhooks;

import java.util.Map;
import org.gauzy.bridge.support.TestDatabases;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

class WebhookRestartOnH2Tests extends WebhookRestartTests {

    private final Map<String, Object> database = Map.of("test.database.file", "true");

    @Override
    ApplicationContextInitializer<ConfigurableApplicationContext> database() {
        return new TestDatabases.H2();
    }

    @Override
    Map<String, Object> sameDatabase() {
        return database;
    }
}
