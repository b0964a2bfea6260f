/**
 * The integration catalogue and each tenant's installations of an integration, with their settings;
 * secret settings are encrypted at rest and never leave the module except to the code that uses them.
 */
@NullMarked
@ApplicationModule(
        displayName = "Integration",
        allowedDependencies = {"platform", "identity"})
package org.gauzy.bridge.integration;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
