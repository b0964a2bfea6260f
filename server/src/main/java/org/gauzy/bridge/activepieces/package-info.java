/**
 * Gauzy → Activepieces: integration setup, API-key resolution, app connections and MCP servers,
 * through one Activepieces HTTP client.
 */
@NullMarked
@ApplicationModule(displayName = "Activepieces", allowedDependencies = {"platform", "identity", "integration"})
package org.gauzy.bridge.activepieces;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
