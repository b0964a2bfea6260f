package org.gauzy.bridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SeekTests {

    @Test
    void cursorIsEncodedExactlyAsActivepiecesDoes() {
        // The cursor quoted in Activepieces issue #11231, for created 1769013024050.
        assertThat(Seek.encode(true, 1769013024050L)).isEqualTo("bmV4dF9ZM0psWVhSbFpEb3hOelk1TURFek1ESTBNRFV3");
    }

    /** One row a second: rows in distinct seconds page without loss, as in Activepieces. */
    @Test
    void forwardAndBackwardPagesCoverEveryItemOnce() {
        List<Long> items =
                LongStream.rangeClosed(1, 25).map(i -> i * 1000).boxed().toList();
        var first = Seek.page(items, Long::longValue, true, null, 10);
        assertThat(first.data())
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 10).map(i -> i * 1000).boxed().toList());
        assertThat(first.previous()).isNull();
        var second = Seek.page(items, Long::longValue, true, first.next(), 10);
        var third = Seek.page(items, Long::longValue, true, second.next(), 10);
        assertThat(third.data()).containsExactly(21_000L, 22_000L, 23_000L, 24_000L, 25_000L);
        assertThat(third.next()).isNull();
        var back = Seek.page(items, Long::longValue, true, third.previous(), 10);
        assertThat(back.data()).isEqualTo(second.data());
        var start = Seek.page(items, Long::longValue, true, back.previous(), 10);
        assertThat(start.data()).isEqualTo(first.data());
        assertThat(start.previous()).isNull();
    }

    @Test
    void descendingOrderPagesNewestFirst() {
        List<Long> items =
                LongStream.rangeClosed(1, 5).map(i -> i * 1000).boxed().toList();
        var first = Seek.page(items, Long::longValue, false, null, 2);
        assertThat(first.data()).containsExactly(5000L, 4000L);
        assertThat(Seek.page(items, Long::longValue, false, first.next(), 2).data())
                .containsExactly(3000L, 2000L);
    }

    /**
     * The cursor compares seconds: rows created in the second of a page's last row, after it, are on no
     * page (checked on Activepieces 0.85.4: 40 connections listed 2 at a time gave 33).
     */
    @Test
    void rowsInTheSecondOfAPagesLastRowAreSkipped() {
        List<Long> items = List.of(1_000L, 1_100L, 1_200L, 1_300L, 2_000L, 2_500L, 3_000L);
        var first = Seek.page(items, Long::longValue, true, null, 2);
        assertThat(first.data()).containsExactly(1_000L, 1_100L);
        var second = Seek.page(items, Long::longValue, true, first.next(), 2);
        assertThat(second.data()).as("1,200 and 1,300 are lost").containsExactly(2_000L, 2_500L);
        var third = Seek.page(items, Long::longValue, true, second.next(), 2);
        assertThat(third.data()).containsExactly(3_000L);
        assertThat(third.next()).isNull();
    }

    @Test
    void limitZeroIsAHundredMinusOneIsEverythingAndACursorWithoutUnderscoreIsIgnored() {
        List<Long> items =
                LongStream.rangeClosed(1, 150).map(i -> i * 1000).boxed().toList();
        assertThat(Seek.page(items, Long::longValue, true, null, 0).data()).hasSize(100);
        var all = Seek.page(items, Long::longValue, true, null, -1);
        assertThat(all.data()).hasSize(150);
        assertThat(all.next()).isNull();
        String noUnderscore = java.util.Base64.getEncoder().encodeToString("garbage".getBytes());
        assertThat(Seek.page(items, Long::longValue, true, noUnderscore, 10)
                        .data()
                        .get(0))
                .isEqualTo(1000L);
        String badInner = java.util.Base64.getEncoder().encodeToString("next_bm9wZQ==".getBytes());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Seek.page(items, Long::longValue, true, badInner, 10))
                .isInstanceOf(ApError.class)
                .satisfies(e -> assertThat(((ApError) e).status).isEqualTo(500));
    }
}
