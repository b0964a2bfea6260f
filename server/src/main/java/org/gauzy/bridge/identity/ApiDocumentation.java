package org.gauzy.bridge.identity;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * The API document (/api/docs) says how a caller authenticates and what each route needs, from the same
 * declarations the requests are checked against ({@link EndpointDeclaration}): a route that needs a signed-in
 * caller asks for a bearer token, and its description names the permission and the OAuth scopes; the public ones
 * ask for none.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String BEARER = "bearer";

    @Bean
    OpenApiCustomizer bearerTokens() {
        return openApi -> {
            if (openApi.getInfo() == null) {
                openApi.setInfo(new Info());
            }
            openApi.getInfo().title("Gauzy ⇄ Activepieces Bridge API").version("v1");
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents()
                    .addSecuritySchemes(
                            BEARER,
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .bearerFormat("JWT")
                                    .description("A sign-in token (POST /api/auth/login), or an access token an app "
                                            + "holds from the authorization server under "
                                            + "/api/integration/ever-gauzy/oauth"));
        };
    }

    @Bean
    OperationCustomizer declaredAccess() {
        return (operation, handler) -> {
            EndpointDeclaration declared = EndpointDeclaration.of(handler);
            if (declared.signedIn()) {
                operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                operation.setDescription(joined(operation.getDescription(), describe(declared, use(handler))));
            }
            return operation;
        };
    }

    /** What a route's methods do, which decides which of a scope family's two scopes an app's token needs. */
    enum Use {
        /** GET only: the family's read scope. */
        READS,
        /** No GET: the family's write scope. */
        CHANGES,
        /** Both, or any method: the read scope to read, the write scope to change. */
        READS_AND_CHANGES
    }

    private static Use use(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        if (mapping == null || mapping.method().length == 0) {
            return Use.READS_AND_CHANGES;
        }
        boolean anyRead = Arrays.stream(mapping.method()).anyMatch(m -> m == RequestMethod.GET);
        boolean anyChange = Arrays.stream(mapping.method()).anyMatch(m -> m != RequestMethod.GET);
        if (anyRead == anyChange) {
            return Use.READS_AND_CHANGES;
        }
        return anyRead ? Use.READS : Use.CHANGES;
    }

    static String describe(EndpointDeclaration declared, Use use) {
        RequiresPermission required = declared.required();
        RequiresLogin login = declared.login();
        String who = required == null
                ? "Any signed-in user."
                : "Needs the "
                        + Arrays.stream(required.value()).map(Enum::name).collect(Collectors.joining(" or "))
                        + " permission.";
        String apps;
        if (declared.firstPartyOnly()) {
            apps = "Sign-in tokens only: an app's OAuth token cannot call it.";
        } else if (required == null) {
            apps = login != null && login.everyApp()
                    ? "Any app the user authorized may call it."
                    : "An app's OAuth token needs the " + RequestContext.ALL_SCOPE + " scope.";
        } else {
            List<String> families = required.scope().isEmpty()
                    ? Arrays.stream(required.value())
                            .map(Permission::scopeFamily)
                            .filter(Objects::nonNull)
                            .distinct()
                            .toList()
                    : List.of(required.scope());
            apps = families.isEmpty()
                    ? "An app's OAuth token also needs the " + RequestContext.ALL_SCOPE + " scope."
                    : "An app's OAuth token also needs "
                            + switch (use) {
                                case READS -> scopes(families, false);
                                case CHANGES -> scopes(families, true);
                                case READS_AND_CHANGES ->
                                    scopes(families, false) + " to read (GET), " + scopes(families, true)
                                            + " to change,";
                            }
                            + " or " + RequestContext.ALL_SCOPE + ".";
        }
        return who + " " + apps;
    }

    private static String scopes(List<String> families, boolean write) {
        return families.stream()
                .map(family -> PermissionInterceptor.scopeFor(family, write))
                .collect(Collectors.joining(" or "));
    }

    private static String joined(@Nullable String description, String access) {
        return description == null || description.isBlank() ? access : description + "\n\n" + access;
    }
}
