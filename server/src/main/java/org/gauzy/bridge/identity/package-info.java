/**
 * Tenants, organizations, users, roles and permissions; sign-in and its tokens; the request context
 * and the tenant and permission checks that every {@code /api} request passes.
 */
@NullMarked
@ApplicationModule(displayName = "Identity", allowedDependencies = "platform")
package org.gauzy.bridge.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
