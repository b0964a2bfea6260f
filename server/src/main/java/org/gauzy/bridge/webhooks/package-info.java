/**
 * Webhooks that fire the ever-gauzy piece's triggers: subscriptions, an outbox written with every
 * workspace change, and reliable, signed delivery (Standard Webhooks) with retries and a delivery log.
 * Nothing depends on this module; it listens to every {@code OutboundEvent} (workspace changes, automation
 * alerts).
 */
@NullMarked
@ApplicationModule(
        displayName = "Webhooks",
        allowedDependencies = {"platform", "identity", "pages", "workspace"})
package org.gauzy.bridge.webhooks;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
