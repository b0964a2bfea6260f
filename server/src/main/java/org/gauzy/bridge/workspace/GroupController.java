package org.gauzy.bridge.workspace;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresPermission;
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

/** Gauzy's {@code /api/organization-project} and {@code /api/organization-team}. */
@RestController
class GroupController {

    record CreateGroup(
            @NotBlank @Size(max = 255) String name,
            @Size(max = 2000) @Nullable String description) {}

    record UpdateGroup(
            @Size(min = 1, max = 255) @Nullable String name,
            @Size(max = 2000) @Nullable String description) {}

    private final Groups groups;
    private final JsonMapper json;

    GroupController(Groups groups, JsonMapper json) {
        this.groups = groups;
        this.json = json;
    }

    @RequiresPermission(value = Permission.ORG_PROJECT_VIEW, organization = OrganizationFrom.REQUEST)
    @GetMapping("/api/organization-project")
    Page<GroupView> projects(RequestContext context, HttpServletRequest request) {
        return list(GroupKind.PROJECT, context, request);
    }

    @RequiresPermission(value = Permission.ORG_PROJECT_ADD, organization = OrganizationFrom.REQUEST)
    @PostMapping("/api/organization-project")
    @ResponseStatus(HttpStatus.CREATED)
    GroupView createProject(RequestContext context, @Valid @RequestBody CreateGroup request) {
        return groups.create(GroupKind.PROJECT, context, request.name(), request.description());
    }

    @RequiresPermission(value = Permission.ORG_PROJECT_EDIT, organization = OrganizationFrom.PATH, record = "project")
    @PutMapping("/api/organization-project/{id}")
    GroupView updateProject(RequestContext context, @PathVariable UUID id, @Valid @RequestBody UpdateGroup request) {
        return groups.update(GroupKind.PROJECT, context, id, request.name(), request.description());
    }

    @RequiresPermission(value = Permission.ORG_PROJECT_DELETE, organization = OrganizationFrom.PATH, record = "project")
    @DeleteMapping("/api/organization-project/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteProject(RequestContext context, @PathVariable UUID id) {
        groups.delete(GroupKind.PROJECT, context, id);
    }

    @RequiresPermission(value = Permission.ORG_TEAM_VIEW, organization = OrganizationFrom.REQUEST)
    @GetMapping("/api/organization-team")
    Page<GroupView> teams(RequestContext context, HttpServletRequest request) {
        return list(GroupKind.TEAM, context, request);
    }

    @RequiresPermission(value = Permission.ORG_TEAM_ADD, organization = OrganizationFrom.REQUEST)
    @PostMapping("/api/organization-team")
    @ResponseStatus(HttpStatus.CREATED)
    GroupView createTeam(RequestContext context, @Valid @RequestBody CreateGroup request) {
        return groups.create(GroupKind.TEAM, context, request.name(), request.description());
    }

    @RequiresPermission(value = Permission.ORG_TEAM_EDIT, organization = OrganizationFrom.PATH, record = "team")
    @PutMapping("/api/organization-team/{id}")
    GroupView updateTeam(RequestContext context, @PathVariable UUID id, @Valid @RequestBody UpdateGroup request) {
        return groups.update(GroupKind.TEAM, context, id, request.name(), request.description());
    }

    @RequiresPermission(value = Permission.ORG_TEAM_DELETE, organization = OrganizationFrom.PATH, record = "team")
    @DeleteMapping("/api/organization-team/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteTeam(RequestContext context, @PathVariable UUID id) {
        groups.delete(GroupKind.TEAM, context, id);
    }

    private Page<GroupView> list(GroupKind kind, RequestContext context, HttpServletRequest request) {
        GauzyQuery.parse(request, json, GauzyQuery.Shape.NONE);
        var items = groups.list(kind, context);
        return new Page<>(items, items.size());
    }
}
