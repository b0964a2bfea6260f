package org.gauzy.bridge.identity;

import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves a {@link RequestContext} handler argument from the authenticated request. */
final class CurrentContext implements HandlerMethodArgumentResolver {

    static RequestContext require() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ContextAuthentication authentication) {
            return authentication.getPrincipal();
        }
        throw new ApiException.Unauthorized("Sign in first: send Authorization: Bearer <token>");
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == RequestContext.class;
    }

    @Override
    public RequestContext resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            @Nullable WebDataBinderFactory binderFactory) {
        return require();
    }
}
