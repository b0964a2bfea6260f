package org.gauzy.bridge.webhooks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/**
 * Sends a batch of one subscription's due deliveries, in order, and says what each attempt came to. A
 * target that does not answer, or asks to slow down, gets no more of the batch: the rest wait for their
 * next turn.
 */
@Component
class BatchSender {

    /**
     * What a batch came to; {@code gone} when the target answered 410 and wants nothing more; {@code cutShort}
     * when the target did not answer or asked to slow down, and the rest of the batch was not sent.
     */
    record Sent(Subscription subscription, List<DeliveryRepository.Outcome> outcomes, boolean gone, boolean cutShort) {

        boolean anyDelivered() {
            return outcomes.stream().anyMatch(o -> o.status().equals(DeliveryRepository.DELIVERED));
        }

        boolean allDelivered() {
            return outcomes.stream().allMatch(o -> o.status().equals(DeliveryRepository.DELIVERED));
        }
    }

    private final Subscriptions secrets;
    /**
     * Signing secrets opened, by their sealed form (a new secret is a new key): opening one (AES-GCM) for
     * every batch was a tenth of a sender's time when batches are small.
     */
    private final Cache<String, String> opened = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    private final WebhookSender sender;
    private final RetryPolicy retries;
    private final Clock clock;

    BatchSender(Subscriptions secrets, WebhookSender sender, RetryPolicy retries, Clock clock) {
        this.secrets = secrets;
        this.sender = sender;
        this.retries = retries;
        this.clock = clock;
    }

    /**
     * Sends {@code due} in order while {@code running} holds, and no later than {@code until}: past it, the
     * rest waits for the next batch, under a renewed lease, so that a slow target never outlasts the lease.
     */
    Sent send(Subscription subscription, List<DeliveryRepository.Due> due, Instant until, BooleanSupplier running) {
        String secret = opened.get(subscription.secretSealed(), key -> secrets.secretOf(subscription));
        List<DeliveryRepository.Outcome> outcomes = new ArrayList<>();
        boolean gone = false;
        for (var delivery : due) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (!running.getAsBoolean() || now.toInstant().isAfter(until)) {
                break;
            }
            // The sender checks the target's addresses at each connection it opens (TargetGuard).
            WebhookSender.Result result = sender.send(
                    subscription.targetUrl(),
                    secret,
                    delivery.id(),
                    WebhookSender.body(delivery.id(), delivery),
                    now.toInstant());
            outcomes.add(retries.after(delivery, result, now));
            gone = RetryPolicy.isGone(result);
            if (gone
                    || (!result.delivered()
                            && (result.status() == null || result.status() == 429 || result.status() == 503))) {
                break;
            }
        }
        return new Sent(subscription, outcomes, gone, outcomes.size() < due.size() && running.getAsBoolean());
    }
}
