package org.gauzy.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.OnH2;
import org.gauzy.bridge.support.RawHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What Tomcat refuses before our code runs still answers in our JSON shape, never its HTML page. */
@OnH2
class ContainerErrorTests extends ApiTest {

    final JsonMapper json = JsonMapper.builder().build();

    JsonNode refused(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.head()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body())
                .doesNotContain("<html")
                .doesNotContain("Tomcat")
                .doesNotContain("org.apache");
        JsonNode body = json.readTree(answer.body());
        assertThat(body.path("statusCode").asInt()).isEqualTo(status);
        assertThat(body.path("error").asString()).isNotBlank();
        return body;
    }

    @Test
    void charactersTomcatWillNotTakeAreAJsonBadRequest() {
        for (String target : new String[] {"/api/tasks?title=<b>", "/api/tasks?title=\"x\"", "/api/ta^sks"}) {
            JsonNode body = refused(RawHttp.get(port, target, Map.of()), 400);
            assertThat(body.path("message").asString()).as(target).contains("encode");
        }
    }

    @Test
    void headersTooLargeAreAJsonRefusal() {
        var answer = RawHttp.get(port, "/api/user/me", Map.of("X-Padding", "x".repeat(20_000)));
        refused(answer, answer.status());
        assertThat(answer.status()).isBetween(400, 431);
    }
}
