package org.gauzy.bridge.workspace;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresPermission;
import org.gauzy.bridge.identity.RoleName;
import org.gauzy.bridge.identity.UserChanges;
import org.gauzy.bridge.identity.UserDetails;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gauzy's {@code /api/employee}, and the piece's {@code DELETE /api/employees/:id} (plural, with a JSON
 * body). Paths take the employee's id or its user's id, as the piece sends the latter.
 */
@RestController
class EmployeeController {

    record CreateEmployee(
            @NotNull @Valid UserFields user,
            @Nullable UUID organizationId,
            @Size(min = 8, max = 64) @Nullable String password) {}

    /** The {@code user} object of Gauzy's employee bodies; {@code roleId} picks the role (EMPLOYEE when absent). */
    record UserFields(
            @Email @Size(max = 320) @Nullable String email,
            @Size(max = 100) @Nullable String firstName,
            @Size(max = 100) @Nullable String lastName,
            @Size(max = 2048) @Nullable String imageUrl,
            @Size(max = 10) @Nullable String preferredLanguage,
            @Nullable UUID roleId,
            @Nullable RoleName role) {

        /** A new person's details: the email is required. */
        UserDetails details() {
            if (email == null || email.isBlank()) {
                throw new ApiException.BadRequest("user.email is required");
            }
            return new UserDetails(email.trim(), firstName, lastName, imageUrl, preferredLanguage);
        }

        UserChanges changes() {
            return new UserChanges(
                    email == null ? null : email.trim(), firstName, lastName, imageUrl, preferredLanguage);
        }
    }

    record UpdateEmployee(@NotNull @Valid UserFields user) {}

    private final Employees employees;
    private final JsonMapper json;

    EmployeeController(Employees employees, JsonMapper json) {
        this.employees = employees;
        this.json = json;
    }

    @RequiresPermission(value = Permission.ORG_EMPLOYEES_EDIT, organization = OrganizationFrom.REQUEST)
    @PostMapping("/api/employee")
    @ResponseStatus(HttpStatus.CREATED)
    EmployeeView create(RequestContext context, @Valid @RequestBody CreateEmployee request) {
        UserFields user = request.user();
        return employees.create(context, user.details(), request.password(), user.roleId());
    }

    @RequiresPermission(value = Permission.ORG_EMPLOYEES_VIEW, organization = OrganizationFrom.REQUEST)
    @GetMapping("/api/employee")
    Page<EmployeeView> list(RequestContext context, HttpServletRequest request) {
        return employees.list(context, GauzyQuery.parse(request, json, EmployeeRepository.LIST));
    }

    @RequiresPermission(
            value = Permission.ORG_EMPLOYEES_VIEW,
            organization = OrganizationFrom.PATH,
            record = "employee")
    @GetMapping("/api/employee/{id}")
    EmployeeView get(RequestContext context, @PathVariable UUID id, HttpServletRequest request) {
        var query = GauzyQuery.parse(request, json, GauzyQuery.Shape.relationsOnly(Set.of("user")));
        return employees.get(context, id, query.withDeleted());
    }

    @RequiresPermission(
            value = Permission.ORG_EMPLOYEES_EDIT,
            organization = OrganizationFrom.PATH,
            record = "employee")
    @PutMapping("/api/employee/{id}")
    EmployeeView update(RequestContext context, @PathVariable UUID id, @Valid @RequestBody UpdateEmployee request) {
        UserFields user = request.user();
        return employees.update(context, id, user.changes(), user.roleId(), user.role());
    }

    @RequiresPermission(
            value = Permission.ORG_EMPLOYEES_EDIT,
            organization = OrganizationFrom.PATH,
            record = "employee")
    @DeleteMapping({"/api/employee/{id}", "/api/employees/{id}"})
    EmployeeView delete(RequestContext context, @PathVariable UUID id) {
        return employees.delete(context, id);
    }
}
