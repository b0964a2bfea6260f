package org.gauzy.bridge.identity;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organizations as other modules may read them: by id, within a tenant. */
@Service
public class OrganizationDirectory {

    private final OrganizationRepository organizations;

    OrganizationDirectory(OrganizationRepository organizations) {
        this.organizations = organizations;
    }

    @Transactional(readOnly = true)
    public Optional<OrganizationView> find(UUID tenant, UUID id) {
        return organizations.find(tenant, id);
    }
}
