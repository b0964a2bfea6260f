package org.gauzy.bridge.webhooks;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What became of deliveries at their target, where another module can tell (automation health knows which
 * Activepieces flow a trigger URL starts and reads its runs): the delivery log shows it beside each
 * delivery. Best effort: what cannot be told is left out, never an error of the log.
 */
public interface DeliveryOutcomes {

    /** A delivery that got through, and when. */
    record Delivered(UUID deliveryId, OffsetDateTime deliveredAt) {}

    /** The flow a target starts, and for one delivery the run that followed it, where one did. */
    record Outcome(
            String flowId,
            @Nullable String runId,
            @Nullable String runStatus,
            @Nullable String runUrl) {}

    /** The flow of a target URL, if it names one. */
    @Nullable
    String flowOf(String targetUrl);

    /** For each delivery of one organization's subscription to {@code targetUrl}, the run that followed it. */
    Map<UUID, Outcome> of(UUID tenant, UUID organization, String targetUrl, List<Delivered> delivered);
}
