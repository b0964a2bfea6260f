package org.gauzy.bridge.activepieces;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TokenRemovalTests {

    JsonMapper json = JsonMapper.builder().build();

    @Test
    void removesEveryTokenFieldAtAnyDepth() {
        var node = json.readTree("""
                {"id":"a","token":"t1","tools":[{"token":"t2","flow":{"token":"t3","name":"f"}}],
                 "nested":{"deeper":[[{"token":"t4"}]]},"tokenCount":2}""");
        String cleaned = McpService.withoutTokens(node).toString();
        assertThat(cleaned)
                .doesNotContain("t1", "t2", "t3", "t4")
                .doesNotContain("\"token\"")
                .contains("\"tokenCount\":2", "\"name\":\"f\"");
    }
}
