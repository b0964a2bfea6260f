package org.gauzy.bridge.webhooks;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What an attempt leads to: delivered on any 2xx; dead on 410 Gone or after the last retry; otherwise
 * the next retry, after the configured wait with ±20 % jitter (so a recovering target is not hit by
 * every delivery at the same instant), or later if the target's {@code Retry-After} asks for more.
 */
@Component
class RetryPolicy {

    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final WebhookSettings settings;

    RetryPolicy(WebhookSettings settings) {
        this.settings = settings;
    }

    DeliveryRepository.Outcome after(DeliveryRepository.Due due, WebhookSender.Result result, OffsetDateTime now) {
        int attempts = due.attempts() + 1;
        if (result.delivered()) {
            return outcome(due, result, DeliveryRepository.DELIVERED, attempts, now, now, now, null);
        }
        String error = result.error() != null ? result.error() : "HTTP " + result.status();
        if (isGone(result)) {
            return outcome(
                    due,
                    result,
                    DeliveryRepository.DEAD,
                    attempts,
                    now,
                    now,
                    null,
                    "the target answered 410 Gone; the subscription is disabled");
        }
        if (attempts > settings.retryDelays().size()) {
            return outcome(
                    due,
                    result,
                    DeliveryRepository.DEAD,
                    attempts,
                    now,
                    now,
                    null,
                    error + "; no retries left (dead-lettered, replay it through the API)");
        }
        Duration wait = jittered(settings.retryDelays().get(attempts - 1));
        if (result.retryAfter() != null && result.retryAfter().compareTo(wait) > 0) {
            wait = result.retryAfter().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : result.retryAfter();
        }
        return outcome(due, result, DeliveryRepository.PENDING, attempts, now, now.plus(wait), null, error);
    }

    static boolean isGone(WebhookSender.Result result) {
        return result.status() != null && result.status() == 410;
    }

    private static Duration jittered(Duration delay) {
        double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (delay.toMillis() * factor)));
    }

    private static DeliveryRepository.Outcome outcome(
            DeliveryRepository.Due due,
            WebhookSender.Result result,
            String status,
            int attempts,
            OffsetDateTime now,
            OffsetDateTime next,
            @Nullable OffsetDateTime deliveredAt,
            @Nullable String error) {
        return new DeliveryRepository.Outcome(
                due,
                status,
                attempts,
                next,
                deliveredAt,
                result.status(),
                error,
                now,
                result.latencyMs(),
                result.excerpt());
    }
}
