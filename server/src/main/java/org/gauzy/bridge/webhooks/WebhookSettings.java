package org.gauzy.bridge.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param allowPrivateTargets deliver to loopback and private addresses too ({@code WEBHOOKS_ALLOW_PRIVATE_TARGETS}),
 *        for a self-hosted Activepieces on a private network; never the cloud metadata address
 * @param retryDelays the waits before each retry; after the last one a delivery is dead-lettered
 * @param disableAfter how long a subscription may fail every delivery before it is disabled
 * @param pollInterval how often a node looks for work no run has taken: retries that came due, and what a node
 *        that stopped left
 * @param wakeDelay how long a commit's wake-up waits for others to join it (throughput against latency)
 * @param concurrency how many subscriptions one node sends to at once
 * @param batch how many events one fan-out takes, and how many deliveries one batch of a run sends
 * @param lease how long a node holds a subscription while it sends; another node takes over after it
 */
@ConfigurationProperties("gauzy.webhooks")
record WebhookSettings(
        boolean allowPrivateTargets,
        Duration connectTimeout,
        Duration requestTimeout,
        List<Duration> retryDelays,
        Duration disableAfter,
        Duration pollInterval,
        Duration wakeDelay,
        int concurrency,
        int batch,
        Duration lease,
        Duration retention) {}
