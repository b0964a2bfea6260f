package org.gauzy.bridge.identity;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces each endpoint's declaration, the one place where it is checked: {@link RequiresPermission} against
 * the caller's own role and an app token's scopes, {@link RequiresLogin} (an app token needs
 * {@code gauzy:all}), and {@link FirstPartyOnly} (no app token at all).
 */
final class PermissionInterceptor implements HandlerInterceptor {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequiresPermission required = declared(method, RequiresPermission.class);
        RequiresLogin login = declared(method, RequiresLogin.class);
        boolean firstPartyOnly = declared(method, FirstPartyOnly.class) != null;
        if (required == null && login == null && !firstPartyOnly) {
            return true;
        }
        RequestContext context = CurrentContext.require();
        if (firstPartyOnly && context.scopes() != null) {
            throw new ApiException.Forbidden("This is for people signed in to Gauzy itself: an app's OAuth token "
                    + "cannot use it, whatever its scopes");
        }
        if (required == null) {
            // Any signed-in user, and an app only with the scope that covers everything the user may do.
            if (login != null && !login.everyApp() && context.scopes() != null
                    && !context.scopes().contains(RequestContext.ALL_SCOPE)) {
                throw new ApiException.Forbidden("This token's scopes do not allow this; it needs "
                        + RequestContext.ALL_SCOPE);
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
        boolean write = !READS.contains(request.getMethod());
        String family = required.scope();
        boolean covered = family.isEmpty()
                ? Arrays.stream(required.value()).anyMatch(p -> context.has(p) && context.scopesCover(p, write))
                : context.scopesCover(family, write);
        if (!covered) {
            throw new ApiException.Forbidden("This token's scopes do not allow this; it needs "
                    + Stream.concat(family.isEmpty() ? Arrays.stream(required.value()).map(p -> scopeFor(
                            p.scopeFamily(), write)) : Stream.of(scopeFor(family, write)),
                            Stream.of(RequestContext.ALL_SCOPE)).distinct().collect(Collectors.joining(" or ")));
        }
        return true;
    }

    private static <A extends java.lang.annotation.Annotation> @Nullable A declared(HandlerMethod method,
            Class<A> annotation) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), annotation);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), annotation);
    }

    private static String scopeFor(@Nullable String family, boolean write) {
        return family == null ? RequestContext.ALL_SCOPE : family + (write ? ":write" : ":read");
    }
}
