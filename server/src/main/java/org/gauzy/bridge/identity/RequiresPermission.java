package org.gauzy.bridge.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission an endpoint needs, checked against the caller's own role (not any role of the
 * tenant). With several values, holding one of them is enough. Every {@code /api} endpoint declares
 * either this or {@link RequiresLogin}; a test keeps it so.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresPermission {
    Permission[] value();

    /**
     * The OAuth scope family that grants this endpoint ({@code webhooks} for {@code webhooks:read|write}),
     * where it differs from the permission's own; empty means the permission's.
     */
    String scope() default "";

    /** How the route finds the organization it acts in; every route says, there is no default. */
    OrganizationFrom organization();

    /** For {@link OrganizationFrom#PATH}: the {@link PathRecord#kind()} the path names. */
    String record() default "";
}
