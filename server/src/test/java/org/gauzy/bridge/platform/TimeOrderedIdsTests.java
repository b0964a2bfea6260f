package org.gauzy.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTests {

    @Test
    void idsAreVersionSevenUuidsInTheOrderTheyWereMadeAcrossMilliseconds() throws Exception {
        long before = System.currentTimeMillis();
        UUID first = TimeOrderedIds.next();
        Thread.sleep(2);
        UUID second = TimeOrderedIds.next();
        long after = System.currentTimeMillis();

        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        long millis = first.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, after);
        // Databases order UUIDs by their bytes (PostgreSQL) or as unsigned halves (H2): the time leads.
        assertThat(first.toString()).isLessThan(second.toString());
        assertThat(Long.compareUnsigned(first.getMostSignificantBits(), second.getMostSignificantBits()))
                .isNegative();
    }

    @Test
    void idsMadeInTheSameMillisecondDifferByTheirRandomBits() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedIds.next());
        }
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }

    /** A delivery's id from its event and subscription: the same every time, distinct per pair, in event order. */
    @Test
    void aDerivedIdIsTheSameForTheSamePairAndKeepsTheFirstIdsTime() {
        UUID event = TimeOrderedIds.next();
        UUID subscription = UUID.randomUUID();
        UUID derived = TimeOrderedIds.derived(event, subscription);
        assertThat(TimeOrderedIds.derived(event, subscription)).isEqualTo(derived);
        assertThat(derived.version()).isEqualTo(7);
        assertThat(derived.variant()).isEqualTo(2);
        assertThat(derived.getMostSignificantBits() >>> 16).isEqualTo(event.getMostSignificantBits() >>> 16);
        var others = new HashSet<UUID>();
        for (int i = 0; i < 10_000; i++) {
            others.add(TimeOrderedIds.derived(event, UUID.randomUUID()));
        }
        assertThat(others).hasSize(10_000).doesNotContain(derived);
        assertThat(TimeOrderedIds.derived(subscription, event))
                .as("the order of the two matters")
                .isNotEqualTo(derived);
    }
}
