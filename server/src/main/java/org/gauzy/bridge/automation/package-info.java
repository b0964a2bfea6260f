/**
 * Automation health: which Activepieces flows act on an organization's data (a step of the ever-gauzy
 * piece, the organization's connection, or a target of its webhooks), whether they run and why they fail,
 * and alerts when one starts failing or stops receiving deliveries. Reads Activepieces through
 * activepieces' {@code ActivepiecesReads} and the webhooks' targets through {@code DeliveryTargets}.
 */
@NullMarked
@ApplicationModule(
        displayName = "Automation health",
        allowedDependencies = {"platform", "identity", "pages", "integration", "activepieces", "webhooks"})
package org.gauzy.bridge.automation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
