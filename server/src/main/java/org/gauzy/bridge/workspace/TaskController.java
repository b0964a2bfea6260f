package org.gauzy.bridge.workspace;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gauzy's {@code /api/tasks}. The list takes the piece's plain filters ({@code projectId},
 * {@code status}, {@code title}) as well as {@code where[…]}, a JSON {@code where}, {@code relations},
 * {@code take}, {@code skip} and {@code withDeleted}.
 */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    /** The task list's filters (each also a list, but the title), relations and sort keys. */
    static final GauzyQuery.Shape LIST = new GauzyQuery.Shape(
            Stream.concat(TaskRepository.FILTERS.keySet().stream(), Stream.of("title"))
                    .collect(Collectors.toSet()),
            TaskRepository.FILTERS.keySet(),
            Tasks.RELATIONS,
            TaskRepository.SORTS.keySet());

    private final Tasks tasks;
    private final JsonMapper json;

    TaskController(Tasks tasks, JsonMapper json) {
        this.tasks = tasks;
        this.json = json;
    }

    @RequiresPermission(value = Permission.ORG_TASK_ADD, organization = OrganizationFrom.REQUEST)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TaskView create(RequestContext context, @RequestBody JsonNode body) {
        return tasks.create(context, new JsonFields(body));
    }

    @RequiresPermission(value = Permission.ORG_TASK_VIEW, organization = OrganizationFrom.REQUEST)
    @GetMapping
    Page<TaskView> list(
            RequestContext context,
            HttpServletRequest request,
            @RequestParam(required = false) @Nullable String projectId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String title) {
        var query = GauzyQuery.parse(request, json, LIST);
        var filters = new LinkedHashMap<String, List<String>>();
        query.where().forEach((field, values) -> {
            if (TaskRepository.FILTERS.containsKey(field)) {
                filters.put(field, values);
            }
        });
        if (projectId != null && !projectId.isBlank()) {
            filters.put("projectId", List.of(projectId.trim()));
        }
        if (status != null && !status.isBlank()) {
            filters.put("status", List.of(status.trim()));
        }
        String titleFilter = title != null && !title.isBlank() ? title.trim() : query.whereValue("title");
        return tasks.list(context, query, filters, titleFilter);
    }

    @RequiresPermission(value = Permission.ORG_TASK_VIEW, organization = OrganizationFrom.PATH, record = "task")
    @GetMapping("/{id}")
    TaskView get(RequestContext context, @PathVariable UUID id, HttpServletRequest request) {
        var query = GauzyQuery.parse(request, json, GauzyQuery.Shape.relationsOnly(Tasks.RELATIONS));
        return tasks.get(context, id, query.relations(), query.withDeleted());
    }

    @RequiresPermission(value = Permission.ORG_TASK_EDIT, organization = OrganizationFrom.PATH, record = "task")
    @PutMapping("/{id}")
    TaskView update(RequestContext context, @PathVariable UUID id, @RequestBody JsonNode body) {
        return tasks.update(context, id, new JsonFields(body));
    }

    @RequiresPermission(value = Permission.ORG_TASK_DELETE, organization = OrganizationFrom.PATH, record = "task")
    @DeleteMapping("/{id}")
    TaskView delete(RequestContext context, @PathVariable UUID id) {
        return tasks.delete(context, id);
    }
}
