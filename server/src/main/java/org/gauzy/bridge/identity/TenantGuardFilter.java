package org.gauzy.bridge.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.platform.ApiErrorWriter;
import org.gauzy.bridge.platform.RequestBoundaryFilter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gauzy's TenantPermissionGuard, fixed. Wherever a request names a tenant (the {@code Tenant-Id}
 * header, a {@code tenantId} or {@code where[tenantId]} parameter, a JSON {@code where}, a
 * {@code tenantId} or {@code tenant.id} body field) it must be the caller's own; wherever it names an
 * organization, the caller must belong to it (or hold ALL_ORG_VIEW / ALL_ORG_EDIT and the
 * organization be in their tenant). The organization named becomes the one the request acts in.
 */
final class TenantGuardFilter extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final OrganizationRepository organizations;
    private final ApiErrorWriter errors;
    private final JsonMapper json;

    TenantGuardFilter(OrganizationRepository organizations, ApiErrorWriter errors, JsonMapper json) {
        this.organizations = organizations;
        this.errors = errors;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof ContextAuthentication authentication)) {
            chain.doFilter(request, response);
            return;
        }
        // Every body was checked and parsed before security ran: application/json is the only JSON type let in.
        JsonNode body = RequestBoundaryFilter.jsonBody(request);
        JsonNode where = whereParameter(request);

        RequestContext context = authentication.getPrincipal();
        for (Named tenant : tenantsNamed(request, body, where)) {
            if (context.tenantId() == null || !context.tenantId().toString().equalsIgnoreCase(tenant.value())) {
                errors.write(
                        response,
                        HttpStatus.FORBIDDEN,
                        tenant.source() + " names a tenant other than yours; omit it or send your own tenant id");
                return;
            }
        }
        UUID acting = null;
        boolean write = !READS.contains(request.getMethod());
        for (Named organization : organizationsNamed(request, body, where)) {
            UUID id = uuid(organization.value());
            if (id == null) {
                errors.write(response, HttpStatus.BAD_REQUEST, organization.source() + " must be a UUID");
                return;
            }
            if (!mayAct(context, id, write)) {
                errors.write(
                        response,
                        HttpStatus.FORBIDDEN,
                        organization.source() + " names organization " + id + ", which you do not belong to");
                return;
            }
            acting = id;
        }
        if (acting != null && !acting.equals(context.organizationId())) {
            SecurityContextHolder.getContext()
                    .setAuthentication(authentication.withContext(context.inOrganization(acting)));
        }
        chain.doFilter(request, response);
    }

    private boolean mayAct(RequestContext context, UUID organization, boolean write) {
        if (context.memberships().contains(organization)) {
            return true;
        }
        return context.tenantId() != null
                && context.seesAllOrganizations(write)
                && organizations.exists(context.tenantId(), organization);
    }

    private record Named(String source, String value) {}

    private static List<Named> tenantsNamed(
            HttpServletRequest request, @Nullable JsonNode body, @Nullable JsonNode where) {
        List<Named> named = new ArrayList<>();
        add(named, "The Tenant-Id header", request.getHeader("Tenant-Id"));
        addAll(named, "The tenantId parameter", request.getParameterValues("tenantId"));
        addAll(named, "The where[tenantId] parameter", request.getParameterValues("where[tenantId]"));
        add(named, "where.tenantId", text(where, "tenantId"));
        add(named, "The body's tenantId", text(body, "tenantId"));
        add(named, "The body's tenant.id", text(body == null ? null : body.get("tenant"), "id"));
        return named;
    }

    /** In order of precedence: the last one named is the one the request acts in. */
    private static List<Named> organizationsNamed(
            HttpServletRequest request, @Nullable JsonNode body, @Nullable JsonNode where) {
        List<Named> named = new ArrayList<>();
        add(named, "The Organization-Id header", request.getHeader("Organization-Id"));
        add(named, "where.organizationId", text(where, "organizationId"));
        addAll(named, "The where[organizationId] parameter", request.getParameterValues("where[organizationId]"));
        addAll(named, "The organizationId parameter", request.getParameterValues("organizationId"));
        add(named, "The body's organization.id", text(body == null ? null : body.get("organization"), "id"));
        add(named, "The body's organizationId", text(body, "organizationId"));
        return named;
    }

    private static void add(List<Named> named, String source, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            named.add(new Named(source, value.trim()));
        }
    }

    private static void addAll(List<Named> named, String source, String @Nullable [] values) {
        if (values != null) {
            for (String value : values) {
                add(named, source, value);
            }
        }
    }

    /** A field's value as text; a number or object where an id belongs is kept so that it fails the check. */
    private static @Nullable String text(@Nullable JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isString() ? value.asString() : value.toString();
    }

    private @Nullable JsonNode whereParameter(HttpServletRequest request) {
        String where = request.getParameter("where");
        if (where == null || !where.trim().startsWith("{")) {
            return null;
        }
        try {
            return json.readTree(where);
        } catch (RuntimeException malformed) {
            return null; // the list answers 400 for it
        }
    }

    private static @Nullable UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
