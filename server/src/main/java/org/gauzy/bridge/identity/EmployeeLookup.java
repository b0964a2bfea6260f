package org.gauzy.bridge.identity;

import java.util.Optional;
import java.util.UUID;

/**
 * Which employee a user is in an organization. Employees live in another module, which implements
 * this, so tokens and {@code /api/user/me} can name the employee without identity depending on it.
 */
public interface EmployeeLookup {

    Optional<UUID> employeeOf(UUID tenant, UUID user, UUID organization);
}
