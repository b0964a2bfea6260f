package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OnH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The API document (/api/docs) as a client generator or an integrator reads it: every route that answers JSON is
 * there, asks for a bearer token exactly when it is not public, and takes only what a caller sends.
 */
@OnH2
class ApiDocumentationTests extends ApiTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    JsonNode document;

    @BeforeEach
    void read() {
        var response = api.get("/api/docs").send();
        assertThat(response.status()).isEqualTo(200);
        document = response.body();
    }

    @Test
    void everyRouteIsDocumentedAndAsksForATokenExactlyWhenItIsNotPublic() {
        var matcher = new AntPathMatcher();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            // The authorization server's sign-in and consent pages are for a browser, not in a JSON API's document.
            boolean answersJson = entry.getValue().hasMethodAnnotation(ResponseBody.class)
                    || AnnotatedElementUtils.hasAnnotation(entry.getValue().getBeanType(), ResponseBody.class);
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/") || pattern.startsWith("/api/docs") || !answersJson) {
                    continue;
                }
                boolean isPublic =
                        Arrays.stream(SecurityConfiguration.PUBLIC_API).anyMatch(p -> matcher.match(p, pattern));
                // The document names a path variable without the pattern it must match.
                String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
                for (var method : entry.getKey().getMethodsCondition().getMethods()) {
                    checked++;
                    JsonNode operation =
                            document.path("paths").path(path).path(method.name().toLowerCase(Locale.ROOT));
                    if (operation.isMissingNode()) {
                        wrong.add(method + " " + path + ": not in the document");
                        continue;
                    }
                    boolean asksForToken = operation.path("security").findValue(ApiDocumentation.BEARER) != null;
                    if (asksForToken == isPublic) {
                        wrong.add(method + " " + path + (isPublic ? ": public, yet" : ": not public, yet not")
                                + " documented as needing a bearer token");
                    }
                    wrong.addAll(answerMismatches(method + " " + path, entry.getValue(), operation));
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(wrong).isEmpty();
        JsonNode bearer = document.path("components").path("securitySchemes").path(ApiDocumentation.BEARER);
        assertThat(bearer.path("type").asString()).isEqualTo("http");
        assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
    }

    /**
     * What the document says a route answers, against what its handler returns: a body whose shape the document
     * gives, or none, under the status the handler sets. A type the schema generator fails on leaves an answer
     * without content, which a client generator reads as "no body".
     */
    private static List<String> answerMismatches(String route, HandlerMethod handler, JsonNode operation) {
        List<String> wrong = new ArrayList<>();
        var success = new ArrayList<String>();
        operation.path("responses").propertyNames().forEach(code -> {
            if (code.startsWith("2")) {
                success.add(code);
            }
        });
        if (success.size() != 1) {
            return List.of(route + ": documents " + success + " as its success, not one status");
        }
        JsonNode answer = operation.path("responses").path(success.get(0));
        boolean answersBody = answersBody(handler);
        if (answersBody && answer.path("content").findValue("schema") == null) {
            wrong.add(route + ": answers a body the document gives no schema for");
        }
        if (!answersBody && !answer.path("content").isEmpty()) {
            wrong.add(route + ": documents a body it does not answer");
        }
        if (handler.getReturnType().getParameterType() == void.class) {
            ResponseStatus status = handler.getMethodAnnotation(ResponseStatus.class);
            String expected =
                    String.valueOf(status == null ? 200 : status.code().value());
            if (!expected.equals(success.get(0))) {
                wrong.add(route + ": answers " + expected + ", documented as " + success.get(0));
            }
        }
        return wrong;
    }

    private static boolean answersBody(HandlerMethod handler) {
        Class<?> type = handler.getReturnType().getParameterType();
        if (type == void.class) {
            return false;
        }
        if (ResponseEntity.class.isAssignableFrom(type)) {
            return ResolvableType.forMethodReturnType(handler.getMethod())
                            .getGeneric(0)
                            .resolve()
                    != Void.class;
        }
        return true;
    }

    @Test
    void aRouteSaysWhichPermissionAndWhichScopesItNeeds() {
        assertThat(description("get", "/api/employee"))
                .contains("ORG_EMPLOYEES_VIEW")
                .contains("employees:read or gauzy:all")
                .doesNotContain("employees:write");
        assertThat(description("post", "/api/tasks"))
                .contains("ORG_TASK_ADD")
                .contains("tasks:write or gauzy:all")
                .doesNotContain("tasks:read");
        assertThat(description("delete", "/api/oauth/consents/{id}")).contains("Sign-in tokens only");
        assertThat(description("get", "/api/user/me")).contains("Any signed-in user");
    }

    @Test
    void noRouteAsksForTheCallersContextAndJsonBodiesAreAnyJsonObject() {
        List<String> contextParameters = new ArrayList<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(operation -> operation
                                .getValue()
                                .path("parameters")
                                .forEach(parameter -> {
                                    if (parameter.toString().contains("RequestContext")) {
                                        contextParameters.add(
                                                operation.getKey() + " " + path.getKey() + " " + parameter);
                                    }
                                })));
        assertThat(contextParameters).isEmpty();
        JsonNode schemas = document.path("components").path("schemas");
        assertThat(schemas.has("RequestContext")).isFalse();
        assertThat(document.toString())
                .as("no schema describes the JSON parser's node class by its getters")
                .doesNotContain("\"nodeType\"")
                .doesNotContain("#/components/schemas/JsonNode\"");
        JsonNode taskBody = document.path("paths")
                .path("/api/tasks")
                .path("post")
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        assertThat(taskBody.path("description").asString()).isEqualTo("Any JSON object");
    }

    @Test
    void theTokenEndpointsListTheFieldsTheyRead() {
        assertThat(document.toString()).as("no map's own class").doesNotContain("MultiValueMap");
        JsonNode token = document.path("paths")
                .path("/api/integration/ever-gauzy/oauth/token")
                .path("post")
                .path("requestBody")
                .path("content");
        for (String media : List.of("application/x-www-form-urlencoded", "application/json")) {
            JsonNode fields = schema(token.path(media).path("schema"));
            assertThat(fields.path("properties").path("grant_type").path("enum").toString())
                    .as(media)
                    .contains("authorization_code", "refresh_token");
            assertThat(fields.path("properties").has("code_verifier")).as(media).isTrue();
            assertThat(fields.path("required").toString()).as(media).contains("grant_type");
        }
        JsonNode revoke = schema(document.path("paths")
                .path("/api/integration/ever-gauzy/oauth/revoke")
                .path("post")
                .path("requestBody")
                .path("content")
                .path("application/x-www-form-urlencoded")
                .path("schema"));
        assertThat(revoke.path("required").toString()).contains("token");
    }

    /** The schema itself, where the document refers to one of its components. */
    private JsonNode schema(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty()
                ? schema
                : document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private String description(String method, String path) {
        return document.path("paths")
                .path(path)
                .path(method)
                .path("description")
                .asString();
    }
}
