package org.gauzy.bridge.platform;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.JacksonModule;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PlatformConfiguration {

    /** One clock for every rule that depends on time, so tests can move it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Tomcat's own refusals in our JSON error shape. */
    @Bean
    ContainerErrors containerErrors() {
        return new ContainerErrors();
    }

    /**
     * Tomcat parses form bodies of every method, not only of POST: the boundary checks every parameter a handler
     * could read in one place ({@link RequestBoundaryFilter}), and Spring would otherwise parse PUT, PATCH and
     * DELETE forms after it ran.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> formsOfEveryMethod() {
        return factory ->
                factory.addConnectorCustomizers(connector -> connector.setParseBodyMethods("POST,PUT,PATCH,DELETE"));
    }

    /** Log events counted by level, on the Logback context SLF4J writes to. */
    @Bean
    LogEventMetrics logEventMetrics(MeterRegistry registry) {
        return new LogEventMetrics(registry, (LoggerContext) LoggerFactory.getILoggerFactory());
    }

    /** In the API document, JSON the service does not model is any JSON. */
    @Bean
    AnyJsonSchema anyJsonSchema() {
        return new AnyJsonSchema();
    }

    /** Every time in a response, an event and a webhook in Gauzy's form. */
    @Bean
    JacksonModule jsonTimes() {
        return JsonTimes.module();
    }
}
