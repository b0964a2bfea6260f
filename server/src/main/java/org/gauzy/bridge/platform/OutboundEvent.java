package org.gauzy.bridge.platform;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An event of one organization that may leave the service as a webhook: the webhooks module listens for
 * every one and delivers it to the subscriptions that want its {@code type}. Modules publish their own
 * (workspace changes, automation alerts) without knowing the webhooks module, and declare their types with
 * a {@link Types} bean.
 */
public interface OutboundEvent {

    /** {@code task.created}, {@code automation.flow.failing}, …: what a subscription names. */
    String type();

    UUID tenantId();

    UUID organizationId();

    /** The payload's {@code data}, exactly as the API shows the thing. */
    Object entity();

    Instant occurredAt();

    /** The event types a module publishes, for subscriptions to choose from. */
    @FunctionalInterface
    interface Types {
        List<String> types();
    }
}
