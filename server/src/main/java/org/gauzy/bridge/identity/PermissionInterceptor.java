package org.gauzy.bridge.identity;

import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gauzy.bridge.platform.ApiException;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link RequiresPermission} against the caller's own role: the one place where an
 * endpoint's declared permission is checked.
 */
final class PermissionInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequiresPermission required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(),
                RequiresPermission.class);
        if (required == null) {
            required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresPermission.class);
        }
        if (required == null) {
            return true;
        }
        RequestContext context = CurrentContext.require();
        context.tenant();
        if (Arrays.stream(required.value()).noneMatch(context::has)) {
            String names = Arrays.stream(required.value()).map(Enum::name).collect(Collectors.joining(" or "));
            throw new ApiException.Forbidden("This needs the " + names + " permission, which your role ("
                    + (context.role() == null ? "none" : context.role().name()) + ") does not have");
        }
        return true;
    }
}
