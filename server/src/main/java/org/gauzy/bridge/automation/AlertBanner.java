package org.gauzy.bridge.automation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.integration.IntegrationTenantView;
import org.gauzy.bridge.pages.Pages;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The banner on every tab of the Activepieces integration page: the organization's open flow alerts of that
 * installation, added to the page's model as {@code automationAlerts} (the tabs fragment shows them).
 */
@Configuration(proxyBeanMethods = false)
class AlertBanner implements WebMvcConfigurer, HandlerInterceptor {

    private final FlowAlerts alerts;

    AlertBanner(FlowAlerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns(Pages.BASE + "/integrations/activepieces/**");
    }

    @Override
    public void postHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable ModelAndView page) {
        if (page == null || !(page.getModel().get("installation") instanceof IntegrationTenantView installation)) {
            return;
        }
        RequestContext.current()
                .filter(context -> context.tenantId() != null && context.organizationId() != null)
                .ifPresent(context -> page.addObject(
                        "automationAlerts", alerts.open(context.tenant(), context.organization(), installation.id())));
    }
}
