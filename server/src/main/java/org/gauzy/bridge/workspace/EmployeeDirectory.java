package org.gauzy.bridge.workspace;

import java.util.Optional;
import java.util.UUID;
import org.gauzy.bridge.identity.EmployeeLookup;
import org.springframework.stereotype.Component;

/** Tells identity which employee a user is, for the {@code employeeId} of tokens and of {@code /api/user/me}. */
@Component
class EmployeeDirectory implements EmployeeLookup {

    private final EmployeeRepository employees;

    EmployeeDirectory(EmployeeRepository employees) {
        this.employees = employees;
    }

    @Override
    public Optional<UUID> employeeOf(UUID tenant, UUID user, UUID organization) {
        return employees.ofUser(tenant, user, organization).stream()
                .filter(e -> e.deletedAt() == null && e.organizationId().equals(organization))
                .map(EmployeeRepository.Employee::id)
                .findFirst();
    }
}
