package org.gauzy.bridge.identity;

import java.util.Collection;
import java.util.List;
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

    /** The tenant's organizations among {@code ids}, by name. */
    @Transactional(readOnly = true)
    public List<OrganizationView> list(UUID tenant, Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : organizations.list(tenant, ids);
    }
}
