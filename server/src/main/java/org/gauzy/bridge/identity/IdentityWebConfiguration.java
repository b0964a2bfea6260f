package org.gauzy.bridge.identity;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class IdentityWebConfiguration implements WebMvcConfigurer {

    private final List<PathRecord> records;

    IdentityWebConfiguration(List<PathRecord> records) {
        this.records = records;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // Every handler that declares a rule, wherever it is: the API, the pages and any later path.
        registry.addInterceptor(new PermissionInterceptor(records));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentContext());
    }
}
