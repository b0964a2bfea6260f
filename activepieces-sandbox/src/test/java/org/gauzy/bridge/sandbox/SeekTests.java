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

    @Test
    void forwardAndBackwardPagesCoverEveryItemOnce() {
        List<Long> items = LongStream.rangeClosed(1, 25).boxed().toList();
        var first = Seek.page(items, Long::longValue, true, null, 10);
        assertThat(first.data()).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
        assertThat(first.previous()).isNull();
        var second = Seek.page(items, Long::longValue, true, first.next(), 10);
        var third = Seek.page(items, Long::longValue, true, second.next(), 10);
        assertThat(third.data()).containsExactly(21L, 22L, 23L, 24L, 25L);
        assertThat(third.next()).isNull();
        var back = Seek.page(items, Long::longValue, true, third.previous(), 10);
        assertThat(back.data()).isEqualTo(second.data());
        var start = Seek.page(items, Long::longValue, true, back.previous(), 10);
        assertThat(start.data()).isEqualTo(first.data());
        assertThat(start.previous()).isNull();
    }

    @Test
    void descendingOrderPagesNewestFirst() {
        List<Long> items = LongStream.rangeClosed(1, 5).boxed().toList();
        var first = Seek.page(items, Long::longValue, false, null, 2);
        assertThat(first.data()).containsExactly(5L, 4L);
        assertThat(Seek.page(items, Long::longValue, false, first.next(), 2).data()).containsExactly(3L, 2L);
    }
}
