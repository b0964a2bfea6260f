package org.gauzy.bridge.activepieces;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gauzy.bridge.platform.ApiException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A page of Activepieces' connections read as it arrives: every row as it was sent, less any value. */
class ConnectionPageTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private static final String FIRST = """
            {"id":"c1","created":"2026-12-07T03:41:05.123Z","displayName":"Gauzy \\"main\\" é \\u2028",
             "pieceName":"@activepieces/piece-ever-gauzy","projectIds":["p1","p2"],"status":"ACTIVE",
             "metadata":{"tenantId":"t-1","nested":{"tenantId":"not this one"},"n":12345678901234567890},
             "value":{"type":"SECRET_TEXT","secret_text":"s3cret"},"score":1.50,"owner":null,"flag":true}""";
    /** As Activepieces lists one: no value. */
    private static final String THIRD = """
            {"id":"c3","created":"2026-12-07T03:41:06.500Z","displayName":"ünïcödé \\\\ \\u0041",
             "metadata":{"tenantId":"t-1"},"score":1.50,"big":12345678901234567890,"owner":null}""";

    private static final String SECOND = """
            {"created":"2026-12-07T03:41:06.000Z","id":"c2","metadata":{"tenantId":7},"value":"s3cret-too"}""";

    @Test
    void rowsAreTheConnectionsAsSentWithoutTheirValue() throws IOException {
        var page = read(
                "{\"data\":[" + FIRST + "," + SECOND + ",\n" + THIRD + "],\"next\":\"bmV4dA==\",\"previous\":null}");

        assertThat(page.more()).isTrue();
        assertThat(page.fewer()).isFalse();
        assertThat(page.rows()).hasSize(3);
        ConnectionRow first = page.rows().get(0);
        assertThat(first.at()).isEqualTo(new ConnectionWalk.Position(Instant.parse("2026-12-07T03:41:05.123Z"), "c1"));
        assertThat(first.id()).isEqualTo("c1");
        assertThat(first.tenantId()).isEqualTo("t-1");
        ObjectNode expected = (ObjectNode) json.readTree(FIRST);
        expected.remove("value");
        // A row with a value is written anew without it: equal as JSON, every other field kept.
        assertThat(json.readTree(first.json())).isEqualTo(expected);
        assertThat(first.json()).contains("12345678901234567890").doesNotContain("s3cret");

        ConnectionRow second = page.rows().get(1);
        assertThat(second.tenantId())
                .as("a tenant id that is no string names no tenant")
                .isNull();
        assertThat(second.json()).doesNotContain("s3cret").doesNotContain("value");
        assertThat(json.readTree(second.json()))
                .isEqualTo(json.readTree(
                        "{\"created\":\"2026-12-07T03:41:06.000Z\",\"id\":\"c2\"," + "\"metadata\":{\"tenantId\":7}}"));
    }

    @Test
    void anAnswerWritesEachRowAsItIs() throws IOException {
        var page = read("{\"data\":[" + FIRST + "," + SECOND + "],\"next\":null,\"previous\":\"cHJldg==\"}");

        String written = json.writeValueAsString(Map.of("data", page.rows()));
        assertThat(new String(json.writeValueAsBytes(Map.of("data", page.rows())), UTF_8))
                .as("written as bytes, as an answer is, and as characters")
                .isEqualTo(written);

        JsonNode data = json.readTree(written).path("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(0).path("displayName").asString()).isEqualTo("Gauzy \"main\" é \u2028");
        assertThat(data.get(1).path("id").asString()).isEqualTo("c2");
        assertThat(written).doesNotContain("s3cret");
        assertThat(page.more()).isFalse();
        assertThat(page.fewer()).isTrue();
    }

    @Test
    void whatIsNoPageOfConnectionsIsAnEmptyLastPage() throws IOException {
        for (String body : List.of("", "[]", "null", "{\"data\":{}}", "{\"data\":[{\"id\":", "<html>")) {
            var page = read(body);
            assertThat(page.rows()).as(body).isEmpty();
            assertThat(page.more()).as(body).isFalse();
        }
        var missing = read("{\"data\":[]}");
        assertThat(missing.more()).isFalse();
        assertThat(missing.fewer()).isFalse();
    }

    @Test
    void aRowWithoutAValidCreationTimeIsABadGateway() {
        for (String row : List.of("{\"id\":\"c1\"}", "{\"id\":\"c1\",\"created\":\"yesterday\"}", "\"c1\"", "null")) {
            assertThatThrownBy(() -> read("{\"data\":[" + row + "]}"))
                    .as(row)
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            e -> assertThat(e.status().value()).isEqualTo(502));
        }
    }

    @Test
    void aBodyWithoutContentLengthIsReadToItsEndAndOneThatEndsShortOfItIsAFailure() throws IOException {
        byte[] body = ("{\"data\":[" + SECOND + "],\"next\":null}").getBytes(UTF_8);

        var page = ConnectionPage.read(json, new ByteArrayInputStream(body), -1);
        assertThat(page.rows()).extracting(ConnectionRow::id).containsExactly("c2");

        assertThatThrownBy(() -> ConnectionPage.read(json, new ByteArrayInputStream(body), body.length + 10))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(
                        () -> ConnectionPage.read(json, new ByteArrayInputStream(body), ConnectionPage.MAX_BYTES + 1L))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status().value()).isEqualTo(502));
    }

    @Test
    void aBodyThatBreaksOffIsAFailureNotAShortPage() {
        InputStream broken = new InputStream() {
            private final InputStream start = new ByteArrayInputStream(("{\"data\":[" + FIRST + ",").getBytes(UTF_8));

            @Override
            public int read() throws IOException {
                int next = start.read();
                if (next < 0) {
                    throw new IOException("connection reset");
                }
                return next;
            }
        };

        assertThatThrownBy(() -> ConnectionPage.read(json, broken, -1))
                .isInstanceOf(IOException.class)
                .hasMessage("connection reset");
    }

    private ConnectionPage read(String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        return ConnectionPage.read(json, new ByteArrayInputStream(bytes), bytes.length);
    }
}
