package org.gauzy.bridge.automation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param failureThreshold how many failed runs in a row make a flow failing (3)
 * @param cacheFor how long a project's flow health is served from memory before Activepieces is asked again
 * @param concurrency how many flows' runs are read from Activepieces at once for one page
 */
@ConfigurationProperties("gauzy.automation")
record AutomationSettings(int failureThreshold, Duration cacheFor, int concurrency) {
}
