package org.gauzy.bridge.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Enforces each endpoint's declaration, the one place where it is checked: {@link RequiresPermission} against
 * the caller's own role and an app token's scopes, {@link RequiresLogin} (an app token needs
 * {@code gauzy:all}), {@link FirstPartyOnly} (no app token at all), and, for {@link OrganizationFrom#PATH}, the
 * record the path names ({@link PathRecord}): in the caller's tenant and an organization they may act in.
 */
final class PermissionInterceptor implements HandlerInterceptor {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final Map<String, PathRecord> records;
    /** Each handler's declarations, read once: a merged-annotation search per request was a fiftieth of a call. */
    private final Map<Method, EndpointDeclaration> declarations = new ConcurrentHashMap<>();

    PermissionInterceptor(List<PathRecord> records) {
        this.records = records.stream().collect(Collectors.toUnmodifiableMap(PathRecord::kind, r -> r));
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        EndpointDeclaration declared =
                declarations.computeIfAbsent(method.getMethod(), m -> EndpointDeclaration.of(method));
        RequiresPermission required = declared.required();
        RequiresLogin login = declared.login();
        boolean firstPartyOnly = declared.firstPartyOnly();
        if (required == null && login == null && !firstPartyOnly) {
            return true;
        }
        RequestContext context = CurrentContext.require();
        if (firstPartyOnly && context.scopes() != null) {
            throw new ApiException.Forbidden("This is for people signed in to Gauzy itself: an app's OAuth token "
                    + "cannot use it, whatever its scopes");
        }
        boolean write = !READS.contains(request.getMethod());
        if (required == null) {
            // Any signed-in user, and an app only with the scope that covers everything the user may do.
            if (login != null
                    && !login.everyApp()
                    && context.scopes() != null
                    && !context.scopes().contains(RequestContext.ALL_SCOPE)) {
                throw new ApiException.Forbidden(
                        "This token's scopes do not allow this; it needs " + RequestContext.ALL_SCOPE);
            }
            if (login != null && login.organization() == OrganizationFrom.PATH) {
                requireRecord(request, context, login.record(), write);
            }
            return true;
        }
        context.tenant();
        if (Arrays.stream(required.value()).noneMatch(context::has)) {
            String names = Arrays.stream(required.value()).map(Enum::name).collect(Collectors.joining(" or "));
            throw new ApiException.Forbidden("This needs the " + names + " permission, which your role ("
                    + (context.role() == null ? "none" : context.role().name()) + ") does not have");
        }
        // An OAuth token is limited by its scopes as well as by the user's own permissions.
        String family = required.scope();
        boolean covered = family.isEmpty()
                ? Arrays.stream(required.value()).anyMatch(p -> context.has(p) && context.scopesCover(p, write))
                : context.scopesCover(family, write);
        if (!covered) {
            throw new ApiException.Forbidden("This token's scopes do not allow this; it needs "
                    + Stream.concat(
                                    family.isEmpty()
                                            ? Arrays.stream(required.value()).map(p -> scopeFor(p.scopeFamily(), write))
                                            : Stream.of(scopeFor(family, write)),
                                    Stream.of(RequestContext.ALL_SCOPE))
                            .distinct()
                            .collect(Collectors.joining(" or ")));
        }
        if (required.organization() == OrganizationFrom.PATH) {
            requireRecord(request, context, required.record(), write);
        }
        return true;
    }

    /**
     * The record the path names, found in the caller's tenant, in an organization the caller may see (else 404,
     * as if absent) and, for a change, may change: a member, or ALL_ORG_EDIT; ALL_ORG_VIEW only sees (403).
     */
    private void requireRecord(HttpServletRequest request, RequestContext context, String kind, boolean write) {
        PathRecord record = records.get(kind);
        if (record == null) {
            throw new IllegalStateException("No PathRecord bean of kind " + kind);
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        UUID id = variables == null ? null : uuid(variables.get(record.variable()));
        if (id == null) {
            return; // not an id at all: the handler's conversion answers 400 and names it
        }
        UUID organization = record.find(context, id)
                .orElseThrow(() -> new ApiException.NotFound(record.label(), id))
                .organizationId();
        if (organization == null || context.memberships().contains(organization)) {
            return;
        }
        if (!context.seesAllOrganizations(false)) {
            throw new ApiException.NotFound(record.label(), id);
        }
        if (write && !context.seesAllOrganizations(true)) {
            throw new ApiException.Forbidden(record.label() + " " + id + " belongs to another organization, which your "
                    + "role may see but not change (that needs ALL_ORG_EDIT)");
        }
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    static String scopeFor(@Nullable String family, boolean write) {
        return family == null ? RequestContext.ALL_SCOPE : family + (write ? ":write" : ":read");
    }
}
