package org.gauzy.bridge.activepieces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Activepieces' creation times read as {@link Instant#parse} reads them, fast path or not. */
class ConnectionWalkTimesTests {

    @Test
    void javascriptsIsoStringsReadAsInstantParseReadsThem() {
        var random = new SplittableRandom(7);
        long from = Instant.parse("1970-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2400-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(from, to));
            // Date.toISOString always writes the milliseconds, 000 included; Instant.toString drops them.
            String text = instant.toString().length() == 20
                    ? instant.toString().replace("Z", ".000Z")
                    : instant.truncatedTo(ChronoUnit.MILLIS).toString();
            assertThat(text).hasSize(24);
            assertThat(ConnectionWalk.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
        assertThat(ConnectionWalk.instant("2024-02-29T23:59:59.999Z")).isEqualTo("2024-02-29T23:59:59.999Z");
    }

    @Test
    void otherFormsAreLeftToInstantParse() {
        assertThat(ConnectionWalk.instant("2026-12-07T03:41:05Z")).isEqualTo("2026-12-07T03:41:05Z");
        assertThat(ConnectionWalk.instant("2026-12-07T03:41:05.123456Z")).isEqualTo("2026-12-07T03:41:05.123456Z");
        assertThat(ConnectionWalk.instant("2026-12-07T05:41:05.123+02:00")).isEqualTo("2026-12-07T03:41:05.123Z");
        // Instant.parse takes the end of a day and a leap second; so does the fast path, by leaving them to it.
        assertThat(ConnectionWalk.instant("2026-12-07T24:00:00.000Z"))
                .isEqualTo(Instant.parse("2026-12-07T24:00:00.000Z"));
        assertThat(ConnectionWalk.instant("2026-12-31T23:59:60.000Z"))
                .isEqualTo(Instant.parse("2026-12-31T23:59:60.000Z"));
    }

    @Test
    void whatIsNoInstantIsRefusedAsInstantParseRefusesIt() {
        for (String text : new String[] {
            "2023-02-29T00:00:00.000Z",
            "2026-13-01T00:00:00.000Z",
            "2026-00-01T00:00:00.000Z",
            "2026-12-00T00:00:00.000Z",
            "2026-12-07T23:60:00.000Z",
            "2026-12-07T23:59:6x.000Z",
            "2026-12-07 03:41:05.123Z",
            "",
            "yesterday"
        }) {
            assertThatThrownBy(() -> ConnectionWalk.instant(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
