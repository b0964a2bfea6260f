/**
 * Gauzy → Activepieces: integration setup, credential resolution, app connections (OAuth2 ones authorized
 * through oauth's {@code ConnectionAuthorizer}) and MCP servers, through one Activepieces HTTP client.
 */
@NullMarked
@ApplicationModule(
        displayName = "Activepieces",
        allowedDependencies = {"platform", "identity", "pages", "integration", "oauth"})
package org.gauzy.bridge.activepieces;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
