/**
 * The web pages' shell: the {@code /pages} layout and its security (a session cookie, CSRF bound to it, the
 * sign-in page), and {@link org.gauzy.bridge.pages.PageController} with {@link org.gauzy.bridge.pages.Pages},
 * which every module's pages are built on.
 */
@NullMarked
@ApplicationModule(
        displayName = "Web pages",
        allowedDependencies = {"platform", "identity"})
package org.gauzy.bridge.pages;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
