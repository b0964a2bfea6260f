package org.gauzy.bridge.identity;

import java.lang.annotation.Annotation;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * What a handler declares of who may call it, on its method or else its class: what {@link PermissionInterceptor}
 * checks and what the API documentation says.
 */
record EndpointDeclaration(
        @Nullable RequiresPermission required, @Nullable RequiresLogin login, boolean firstPartyOnly) {

    static EndpointDeclaration of(HandlerMethod method) {
        return new EndpointDeclaration(
                declared(method, RequiresPermission.class),
                declared(method, RequiresLogin.class),
                declared(method, FirstPartyOnly.class) != null);
    }

    /** Whether a caller must be signed in: every route but the public ones declares one of the three. */
    boolean signedIn() {
        return required != null || login != null || firstPartyOnly;
    }

    private static <A extends Annotation> @Nullable A declared(HandlerMethod method, Class<A> annotation) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), annotation);
        return onMethod != null
                ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), annotation);
    }
}
