package org.gauzy.bridge.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint any signed-in user may call (the tenant check still applies); the handler itself
 * decides what the caller may see. Declared explicitly so that a forgotten permission is visible.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresLogin {

    /**
     * Whether an app's OAuth token with any scope may call it (the user's own identity); otherwise an app
     * needs {@code gauzy:all}.
     */
    boolean everyApp() default false;

    /** How the route finds the organization it acts in; every route says, there is no default. */
    OrganizationFrom organization();

    /** For {@link OrganizationFrom#PATH}: the {@link PathRecord#kind()} the path names. */
    String record() default "";
}
