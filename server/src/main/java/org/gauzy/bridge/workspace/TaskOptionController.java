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

/** Gauzy's {@code /api/task-status}, {@code /api/task-priority} and {@code /api/task-size}: one shape, one controller. */
@RestController
class TaskOptionController {

    record CreateOption(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 500) @Nullable String description,
            @Size(max = 20) @Nullable String color,
            @Nullable Integer order) {}

    record UpdateOption(
            @Size(min = 1, max = 100) @Nullable String name,
            @Size(max = 500) @Nullable String description,
            @Size(max = 20) @Nullable String color,
            @Nullable Integer order) {}

    private static final String KINDS = "/api/{kind:task-status|task-priority|task-size}";

    private final TaskOptions options;
    private final JsonMapper json;

    TaskOptionController(TaskOptions options, JsonMapper json) {
        this.options = options;
        this.json = json;
    }

    @RequiresPermission(value = Permission.ORG_TASK_VIEW, organization = OrganizationFrom.REQUEST)
    @GetMapping(KINDS)
    Page<TaskOptionView> list(RequestContext context, @PathVariable String kind, HttpServletRequest request) {
        GauzyQuery.parse(request, json, GauzyQuery.Shape.NONE);
        var items = options.list(kind(kind), context);
        return new Page<>(items, items.size());
    }

    @RequiresPermission(value = Permission.ORG_TASK_SETTING, organization = OrganizationFrom.REQUEST)
    @PostMapping(KINDS)
    @ResponseStatus(HttpStatus.CREATED)
    TaskOptionView create(RequestContext context, @PathVariable String kind, @Valid @RequestBody CreateOption request) {
        return options.create(
                kind(kind), context, request.name(), request.description(), request.color(), request.order());
    }

    @RequiresPermission(
            value = Permission.ORG_TASK_SETTING,
            organization = OrganizationFrom.PATH,
            record = "task-option")
    @PutMapping(KINDS + "/{id}")
    TaskOptionView update(
            RequestContext context,
            @PathVariable String kind,
            @PathVariable UUID id,
            @Valid @RequestBody UpdateOption request) {
        return options.update(
                kind(kind), context, id, request.name(), request.description(), request.color(), request.order());
    }

    @RequiresPermission(
            value = Permission.ORG_TASK_SETTING,
            organization = OrganizationFrom.PATH,
            record = "task-option")
    @DeleteMapping(KINDS + "/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(RequestContext context, @PathVariable String kind, @PathVariable UUID id) {
        options.delete(kind(kind), context, id);
    }

    private static TaskOptionKind kind(String path) {
        for (TaskOptionKind kind : TaskOptionKind.values()) {
            if (kind.path.equals(path)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(path);
    }
}
