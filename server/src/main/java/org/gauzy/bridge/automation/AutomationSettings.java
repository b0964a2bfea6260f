package org.gauzy.bridge.automation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param failureThreshold how many failed runs in a row make a flow failing (3)
 * @param cacheFor how long a project's flow health is served from memory before Activepieces is asked again
 * @param concurrency how many flows' runs are read from Activepieces at once for one page
 * @param checkEvery how often each installation's flows are checked in the background, whether anyone looks
 *        or not, so that an alert is raised when a flow starts failing (zero: never)
 */
@ConfigurationProperties("gauzy.automation")
record AutomationSettings(int failureThreshold, Duration cacheFor, int concurrency, Duration checkEvery) {}
