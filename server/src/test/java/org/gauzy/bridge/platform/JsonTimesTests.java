package org.gauzy.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JsonTimesTests {

    private static final DateTimeFormatter JAVASCRIPT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

    @Test
    void writesUtcToTheMillisecondAsJavaScriptDoes() {
        assertThat(JsonTimes.format(Instant.parse("2026-11-28T22:58:11.123456789Z")))
                .isEqualTo("2026-11-28T22:58:11.123Z");
        assertThat(JsonTimes.format(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05.000Z");
        assertThat(JsonTimes.format(OffsetDateTime.parse("2026-03-01T01:30:00.5+02:00")))
                .isEqualTo("2026-02-28T23:30:00.500Z");
        assertThat(JsonTimes.format(Instant.parse("0001-01-01T00:00:00.009Z"))).isEqualTo("0001-01-01T00:00:00.009Z");
        assertThat(JsonTimes.format(Instant.parse("+10000-01-01T00:00:00.001Z")))
                .isEqualTo("+10000-01-01T00:00:00.001Z");
    }

    @Test
    void agreesWithTheJdkFormatterOnRandomTimes() {
        var random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            var instant = Instant.ofEpochSecond(
                    random.nextLong(-62_135_596_800L, 253_402_300_799L), random.nextInt(1_000_000_000));
            var offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 3600, 18 * 3600 + 1));
            String expected =
                    JAVASCRIPT.format(instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
            assertThat(JsonTimes.format(instant.atOffset(offset)))
                    .as("%s at %s", instant, offset)
                    .isEqualTo(expected);
        }
    }

    @Test
    void theModuleWritesBothKindsOfTimeInThatForm() {
        var json = JsonMapper.builder().addModule(JsonTimes.module()).build();
        var at = Instant.parse("2026-11-28T22:58:11.123456Z");
        assertThat(json.writeValueAsString(Map.of("a", at.atOffset(ZoneOffset.ofHours(-5)))))
                .isEqualTo("{\"a\":\"2026-11-28T22:58:11.123Z\"}");
        assertThat(json.writeValueAsString(Map.of("b", at))).isEqualTo("{\"b\":\"2026-11-28T22:58:11.123Z\"}");
    }
}
