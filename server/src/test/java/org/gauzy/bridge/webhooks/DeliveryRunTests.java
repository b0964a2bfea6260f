package org.gauzy.bridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class DeliveryRunTests {

    private static DeliveryRepository.Due due() {
        return new DeliveryRepository.Due(UUID.randomUUID(), "task.created", 0, UUID.randomUUID(), UUID.randomUUID(),
                OffsetDateTime.now(), "{}");
    }

    @Test
    void aRunWithNothingQueuedTakesWhatJoinsWhileItWaits() throws Exception {
        var run = new DeliveryRun(200);
        var first = due();
        run.join(List.of(first));
        assertThat(run.next(Duration.ZERO)).containsExactly(first);

        var later = due();
        var joining = CompletableFuture.runAsync(() -> {
            sleep(100);
            assertThat(run.join(List.of(later))).isTrue();
        });
        long started = System.nanoTime();
        assertThat(run.next(Duration.ofSeconds(20))).containsExactly(later);
        // It went on when the delivery joined, not when the wait was over.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        joining.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRunThatWaitedInVainEndsAndTakesNoMore() {
        var run = new DeliveryRun(200);
        run.join(List.of(due()));
        run.next(Duration.ZERO);
        assertThat(run.next(Duration.ofMillis(50))).isNull();
        assertThat(run.join(List.of(due()))).isFalse();
        assertThat(run.leftOver()).isFalse();
    }

    @Test
    void aRunTakesAtMostItsSizeAndEachDeliveryOnce() {
        var run = new DeliveryRun(3);
        var a = due();
        var b = due();
        run.join(List.of(a, b));
        run.join(List.of(b, due(), due()));
        assertThat(run.next(Duration.ZERO)).hasSize(3).startsWith(a, b);
        assertThat(run.next(Duration.ZERO)).isNull();
        // Full: more may be pending, for another run to read.
        assertThat(run.leftOver()).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
