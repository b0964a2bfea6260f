/**
 * Activepieces → Gauzy: the OAuth 2.0 authorization server the {@code ever-gauzy} piece signs in with:
 * the client registry, the authorization endpoint with its sign-in and consent pages, codes, tokens and
 * refresh families, revocation, introspection and metadata. Grants are sessions delegated through
 * identity's {@code DelegatedAccess}, so a client's token is checked on every request like a sign-in's.
 */
@NullMarked
@ApplicationModule(
        displayName = "OAuth",
        allowedDependencies = {"platform", "identity", "pages"})
package org.gauzy.bridge.oauth;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
