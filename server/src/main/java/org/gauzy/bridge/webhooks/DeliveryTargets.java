package org.gauzy.bridge.webhooks;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where an organization's webhooks go and how their last deliveries went: what other modules may know of
 * them (automation health reads which flows they start), nothing of their secrets or payloads.
 */
@Service
public class DeliveryTargets {

    /**
     * A subscription's target: whether it is active (and why not), the status its target last answered,
     * when, and when a delivery last got through.
     */
    public record Target(
            UUID subscriptionId,
            String name,
            String targetUrl,
            boolean active,
            @Nullable String disabledReason,
            @Nullable Integer lastStatus,
            @Nullable OffsetDateTime lastAttemptAt,
            @Nullable OffsetDateTime lastDeliveredAt) {}

    private final JdbcClient jdbc;

    DeliveryTargets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Target> of(UUID tenant, UUID organization) {
        return jdbc.sql("""
                select s.id, s.name, s.target_url, s.active, s.disabled_reason,
                    (select d.last_status from webhook_delivery d where d.subscription_id = s.id
                        and d.last_status is not null order by d.position desc fetch first 1 rows only) last_status,
                    (select max(a.attempted_at) from webhook_delivery d join webhook_attempt a on a.delivery_id = d.id
                        where d.subscription_id = s.id) last_attempt_at,
                    (select max(d.delivered_at) from webhook_delivery d where d.subscription_id = s.id
                        and d.status = 'DELIVERED') last_delivered_at
                from webhook_subscription s
                where s.tenant_id = :tenant and s.organization_id = :organization
                order by s.created_at, s.id""")
                .param("tenant", tenant)
                .param("organization", organization)
                .query((rs, row) -> new Target(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("target_url"),
                        rs.getBoolean("active"),
                        rs.getString("disabled_reason"),
                        (Integer) rs.getObject("last_status"),
                        rs.getObject("last_attempt_at", OffsetDateTime.class),
                        rs.getObject("last_delivered_at", OffsetDateTime.class)))
                .list();
    }
}
