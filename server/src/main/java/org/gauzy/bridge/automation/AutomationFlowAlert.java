package org.gauzy.bridge.automation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.gauzy.bridge.platform.OutboundEvent;
import org.springframework.stereotype.Component;

/**
 * Published when a flow that acts on an organization's data starts failing or stops receiving its
 * deliveries ({@code raised}), and when it recovers: other modules can listen for it, and webhook
 * subscriptions can name it ({@code automation.flow.failing}, {@code automation.flow.recovered}).
 *
 * @param reason {@code FAILING} (its last runs failed), {@code CONNECTION_ERROR}, {@code NOT_RECEIVING} (its
 *        webhook subscription is disabled or its trigger URL answers 404 or 410) or {@code NOT_RUNNING}
 */
public record AutomationFlowAlert(
        UUID tenantId,
        UUID organizationId,
        UUID integrationId,
        String projectId,
        String flowId,
        String flowName,
        String reason,
        String message,
        boolean raised,
        OffsetDateTime at)
        implements OutboundEvent {

    public static final String FAILING = "automation.flow.failing";
    public static final String RECOVERED = "automation.flow.recovered";

    @Override
    public String type() {
        return raised ? FAILING : RECOVERED;
    }

    @Override
    public Object entity() {
        var data = new LinkedHashMap<String, Object>();
        data.put("flowId", flowId);
        data.put("flowName", flowName);
        data.put("projectId", projectId);
        data.put("integrationId", integrationId.toString());
        data.put("reason", reason);
        data.put("message", message);
        data.put("raised", raised);
        data.put("at", at.toInstant().toString());
        return data;
    }

    @Override
    public Instant occurredAt() {
        return at.toInstant();
    }

    /** The automation's event types, for webhook subscriptions to choose from. */
    @Component
    static class Types implements OutboundEvent.Types {
        @Override
        public List<String> types() {
            return List.of(FAILING, RECOVERED);
        }
    }
}
