package org.gauzy.bridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The dispatcher's bookkeeping between turns, on its own: no database, no threads, times given. */
class DispatcherStateTests {

    private static final long MS = 1_000_000L;
    private final DispatcherState state = new DispatcherState(2, Duration.ofSeconds(40));

    @Test
    void aSubscriptionHeldPastItsFairShareGivesWayOnlyWhenAnotherWaits() {
        Subscription busy = subscription();
        sendNow(busy, 0);
        state.finished(sent(busy));
        assertThat(state.start(false, 500 * MS).givingWay())
                .as("nobody waits: it keeps its sender")
                .isEmpty();

        UUID other = UUID.randomUUID();
        state.replayed(other);
        assertThat(state.start(false, 50 * MS).givingWay())
                .as("within its fair share")
                .isEmpty();
        var start = state.start(false, 500 * MS);
        assertThat(start.givingWay()).containsExactly(busy.id());
        assertThat(start.waiting()).containsExactly(other);

        state.after(start, new DeliveryTurn.Outcome(Map.of(), List.of(other), List.of(), false), 500 * MS);
        assertThat(state.held()).as("let go").isEmpty();
        assertThat(state.start(false, 600 * MS).waiting())
                .as("it waits behind the one it gave way to")
                .containsExactly(other, busy.id());
    }

    @Test
    void aBatchSendingPastTheLongestSendIsOverdue() {
        Subscription stuck = subscription();
        sendNow(stuck, 0);
        var early = state.start(false, Duration.ofSeconds(39).toNanos());
        assertThat(early.sending()).containsExactly(stuck.id());
        assertThat(early.overdue()).isEmpty();
        assertThat(state.start(false, Duration.ofSeconds(41).toNanos()).overdue())
                .containsExactly(stuck.id());
        state.finished(sent(stuck));
        assertThat(state.start(false, Duration.ofSeconds(42).toNanos()).sending())
                .isEmpty();
    }

    @Test
    void aTurnRecordsWhatWasSentOnceAndHoldsWhatItSendsNext() {
        Subscription a = subscription();
        Subscription b = subscription();
        sendNow(a, 0);
        sendNow(b, 0);
        state.finished(sent(a));
        state.finished(sent(b));
        var start = state.start(false, 10 * MS);
        assertThat(start.sent()).hasSize(2);
        var next = state.after(
                start, new DeliveryTurn.Outcome(Map.of(a.id(), batch(a)), List.of(), List.of(), false), 10 * MS);
        assertThat(next).extracting(batch -> batch.subscription().id()).containsExactly(a.id());
        assertThat(state.held()).containsExactly(a.id());
        assertThat(state.unrecorded()).isEmpty();
        assertThat(state.start(false, 20 * MS).sending()).containsExactly(a.id());
    }

    /** Makes {@code subscription} this node's, with a batch sending since {@code at}. */
    private void sendNow(Subscription subscription, long at) {
        var start = state.start(false, at);
        state.after(
                start,
                new DeliveryTurn.Outcome(Map.of(subscription.id(), batch(subscription)), List.of(), List.of(), false),
                at);
    }

    private static DeliveryTurn.Batch batch(Subscription subscription) {
        return new DeliveryTurn.Batch(subscription, List.of());
    }

    private static BatchSender.Sent sent(Subscription subscription) {
        return new BatchSender.Sent(subscription, List.of(), false, false);
    }

    private static Subscription subscription() {
        OffsetDateTime now = OffsetDateTime.now();
        return new Subscription(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "test",
                "https://example.com/hook",
                List.of("task.created"),
                Map.of(),
                true,
                "sealed",
                null,
                now,
                now,
                null,
                null);
    }
}
