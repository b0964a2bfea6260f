/**
 * Activepieces → Gauzy: the OAuth 2.0 authorization server the {@code ever-gauzy} piece signs in with.
 * So far: the client registry.
 */
@NullMarked
@ApplicationModule(displayName = "OAuth", allowedDependencies = {"platform", "identity"})
package org.gauzy.bridge.oauth;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
