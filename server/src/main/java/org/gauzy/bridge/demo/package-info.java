/**
 * The one-command demo ({@code --demo}): an in-process Activepieces sandbox, a fresh database with
 * an admin, the integration pointed at the sandbox and an OAuth client registered for it. It alone may start the sandbox, which the tests use too.
 */
@NullMarked
@ApplicationModule(displayName = "Demo", allowedDependencies = "sandbox")
package org.gauzy.bridge.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
