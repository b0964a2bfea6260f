package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.gauzy.bridge.support.OnH2;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every {@code /api} endpoint states what it needs, in one visible place: a permission, or
 * explicitly "any signed-in user", or it is on the short public list. A new endpoint that forgets
 * fails here rather than shipping open.
 */
@OnH2
class EndpointDeclarationTests {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyApiEndpointDeclaresItsPermissionOrIsPublic() {
        var matcher = new AntPathMatcher();
        List<String> undeclared = new ArrayList<>();
        int checked = 0;
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                checked++;
                boolean isPublic = Arrays.stream(SecurityConfiguration.PUBLIC_API)
                        .anyMatch(p -> matcher.match(p, pattern));
                if (!isPublic && !declares(handler)) {
                    undeclared.add(info.getMethodsCondition() + " " + pattern + " (" + handler + ")");
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(undeclared).isEmpty();
    }

    @Test
    void publicEndpointsAreOnlyTheSignInOnes() {
        assertThat(SecurityConfiguration.PUBLIC_API).containsExactlyInAnyOrder("/api/auth/login",
                "/api/auth/register", "/api/auth/refresh-token", "/api/docs", "/api/docs.yaml", "/api/docs/**",
                "/api/integration/ever-gauzy/oauth/**");
    }

    private static boolean declares(HandlerMethod handler) {
        return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), RequiresPermission.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getMethod(), RequiresLogin.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), RequiresPermission.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), RequiresLogin.class);
    }
}
