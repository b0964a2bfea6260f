package org.gauzy.bridge.identity;

/**
 * How a route finds the organization it acts in: the third part of every route's declaration, with the
 * permission and the OAuth scope ({@link RequiresPermission}, {@link RequiresLogin}). Checked in one place for
 * every route: {@code TenantGuardFilter} for what a request names, {@code PermissionInterceptor} for the record
 * a path names.
 */
public enum OrganizationFrom {

    /**
     * The organization the request names (the {@code Organization-Id} header, an {@code organizationId}
     * parameter or field, a {@code where}), else the caller's current one. Naming one the caller may not act in
     * is a 403 before the handler runs.
     */
    REQUEST,

    /**
     * The record the path names ({@link RequiresPermission#record()}), in its own organization whatever the
     * request names: another tenant's record, or one of an organization the caller may not see, is a 404; one
     * the caller may see but not change (ALL_ORG_VIEW without ALL_ORG_EDIT), a 403 for a change.
     */
    PATH,

    /** None: the route acts on the tenant itself or on the caller's own records. */
    NONE
}
