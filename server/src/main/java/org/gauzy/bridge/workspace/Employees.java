package org.gauzy.bridge.workspace;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RoleName;
import org.gauzy.bridge.identity.UserAccounts;
import org.gauzy.bridge.identity.UserChanges;
import org.gauzy.bridge.identity.UserDetails;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Employees of the organization the request acts in. Creating one creates its user in the tenant
 * (identity's rules: a taken email is a 409, only a SUPER_ADMIN grants SUPER_ADMIN). The piece sends a
 * user's id where an employee id belongs: both are accepted.
 */
@Service
class Employees {

    private final EmployeeRepository employees;
    private final UserAccounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Employees(EmployeeRepository employees, UserAccounts accounts, ApplicationEventPublisher events, Clock clock) {
        this.employees = employees;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    EmployeeView create(RequestContext context, UserDetails details, @Nullable String password, @Nullable UUID roleId) {
        UUID organization = context.organization();
        var user = accounts.createMember(context, details, password, roleId, null, List.of(organization));
        OffsetDateTime now = OffsetDateTime.now(clock);
        var employee = new EmployeeRepository.Employee(
                UUID.randomUUID(), context.tenant(), organization, user.id(), true, now, now, null);
        employees.insert(employee);
        var view = new EmployeeView(
                employee.id(), employee.tenantId(), organization, user.id(), true, user, now, now, null);
        publish("employee.created", view);
        return view;
    }

    @Transactional(readOnly = true)
    EmployeeView get(RequestContext context, UUID employeeOrUserId, boolean withDeleted) {
        return view(context, resolve(context, employeeOrUserId, withDeleted));
    }

    @Transactional(readOnly = true)
    Page<EmployeeView> list(RequestContext context, GauzyQuery query) {
        UUID tenant = context.tenant();
        var page = employees.list(
                tenant,
                context.organization(),
                query.where(),
                query.order(),
                query.withDeleted(),
                query.paging().skip(),
                query.paging().take());
        var users = accounts.find(
                tenant,
                page.rows().stream().map(EmployeeRepository.Employee::userId).toList());
        return new Page<>(
                page.rows().stream()
                        .map(e -> new EmployeeView(
                                e.id(),
                                e.tenantId(),
                                e.organizationId(),
                                e.userId(),
                                e.isActive(),
                                users.get(e.userId()),
                                e.createdAt(),
                                e.updatedAt(),
                                e.deletedAt()))
                        .toList(),
                page.total());
    }

    @Transactional
    EmployeeView update(
            RequestContext context,
            UUID employeeOrUserId,
            UserChanges changes,
            @Nullable UUID roleId,
            @Nullable RoleName role) {
        var employee = resolveForChange(context, employeeOrUserId);
        accounts.update(context, employee.userId(), changes, roleId, role);
        employees.touch(employee.tenantId(), employee.id(), OffsetDateTime.now(clock), null);
        var view =
                view(context, employees.find(employee.tenantId(), employee.id()).orElseThrow());
        publish("employee.updated", view);
        return view;
    }

    @Transactional
    EmployeeView delete(RequestContext context, UUID employeeOrUserId) {
        var employee = resolveForChange(context, employeeOrUserId);
        accounts.requireMayManage(context, employee.userId());
        OffsetDateTime now = OffsetDateTime.now(clock);
        employees.touch(employee.tenantId(), employee.id(), now, now);
        var view =
                view(context, employees.find(employee.tenantId(), employee.id()).orElseThrow());
        publish("employee.deleted", view);
        return view;
    }

    /** The caller's own employee record in the organization the request acts in, if there is one. */
    Optional<EmployeeRepository.Employee> own(RequestContext context) {
        return employees.ofUser(context.tenant(), context.userId(), context.organizationId()).stream()
                .filter(e -> e.deletedAt() == null && e.organizationId().equals(context.organizationId()))
                .findFirst();
    }

    /** An employee id, or a user id standing for that user's employee (in the request's organization first). */
    EmployeeRepository.Employee resolve(RequestContext context, UUID id, boolean withDeleted) {
        UUID tenant = context.tenant();
        var employee = employees
                .find(tenant, id)
                .or(() -> employees.ofUser(tenant, id, context.organizationId()).stream()
                        .findFirst())
                .filter(e -> withDeleted || e.deletedAt() == null)
                .orElseThrow(() -> new ApiException.NotFound("Employee", id));
        Scopes.requireOrganization(context, employee.organizationId(), "Employee", id);
        return employee;
    }

    /** An employee to change: one of the caller's organizations, or any with ALL_ORG_EDIT (see {@link Scopes}). */
    EmployeeRepository.Employee resolveForChange(RequestContext context, UUID id) {
        var employee = resolve(context, id, false);
        Scopes.requireEditable(context, employee.organizationId(), "Employee", id);
        return employee;
    }

    private EmployeeView view(RequestContext context, EmployeeRepository.Employee e) {
        var user = accounts.find(context.tenant(), Set.of(e.userId())).get(e.userId());
        return new EmployeeView(
                e.id(),
                e.tenantId(),
                e.organizationId(),
                e.userId(),
                e.isActive(),
                user,
                e.createdAt(),
                e.updatedAt(),
                e.deletedAt());
    }

    private void publish(String type, EmployeeView employee) {
        events.publishEvent(new WorkspaceEvent(
                type, employee.tenantId(), employee.organizationId(), employee.id(), employee, clock.instant()));
    }
}
