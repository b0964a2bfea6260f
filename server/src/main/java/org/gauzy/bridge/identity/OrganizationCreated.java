package org.gauzy.bridge.identity;

import java.util.UUID;

/** Published inside the transaction that creates an organization, so listeners can add what it starts with. */
public record OrganizationCreated(UUID tenantId, UUID organizationId, String name) {}
