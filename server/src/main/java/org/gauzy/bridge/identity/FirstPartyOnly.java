package org.gauzy.bridge.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint for people signed in to Gauzy itself: an app's OAuth token is refused, whatever its scopes.
 * Consents, OAuth clients, user, role and tenant administration, and the Activepieces integration's set-up
 * are such endpoints: a third-party app must not be able to cut off other people's apps, change who may do
 * what, or re-point the integration. Checked in one place ({@code PermissionInterceptor}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface FirstPartyOnly {}
