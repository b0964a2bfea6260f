package org.gauzy.bridge;

import java.util.Arrays;
import org.gauzy.bridge.demo.Demo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Gauzy side of the Gauzy ⇄ Activepieces integration: one Spring Boot application, a modular
 * monolith with one top-level package per capability.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BridgeApplication {

    public static void main(String[] args) {
        if (Arrays.asList(args).contains(Demo.FLAG)) {
            if (!Demo.sandboxPresent()) {
                System.err.println(Demo.SANDBOX_MISSING);
                System.exit(2);
            }
            Demo.run(BridgeApplication.class, args, System.out);
            return;
        }
        SpringApplication.run(BridgeApplication.class, args);
    }
}
