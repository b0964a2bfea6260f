package org.gauzy.bridge.automation;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Published when a flow that acts on an organization's data starts failing or stops receiving its
 * deliveries ({@code raised}), and when it recovers: other modules can listen for it.
 *
 * @param reason {@code FAILING} (its last runs failed) or {@code NOT_RECEIVING} (its webhook subscription is
 *        disabled or its trigger URL answers 404 or 410)
 */
public record AutomationFlowAlert(UUID tenantId, UUID organizationId, UUID integrationId, String projectId,
        String flowId, String flowName, String reason, String message, boolean raised, OffsetDateTime at) {
}
