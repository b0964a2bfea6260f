package org.gauzy.bridge.workspace;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.Page;
import org.gauzy.bridge.platform.TimeOrderedIds;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tasks of the organization the request acts in. Every id a task refers to (project, parent, status,
 * priority, size, members, teams) must belong to the same organization. Numbers count per project.
 * Deleting is soft: {@code withDeleted=true} still shows the task.
 */
@Service
class Tasks {

    static final Set<String> RELATIONS =
            Set.of("project", "members", "teams", "tags", "taskStatus", "taskPriority", "taskSize", "parent");

    private final TaskRepository tasks;
    private final TaskOptionRepository options;
    private final GroupRepository groups;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Tasks(
            TaskRepository tasks,
            TaskOptionRepository options,
            GroupRepository groups,
            ApplicationEventPublisher events,
            Clock clock) {
        this.tasks = tasks;
        this.options = options;
        this.groups = groups;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    TaskView create(RequestContext context, JsonFields input) {
        UUID tenant = context.tenant();
        UUID organization = context.organization();
        String title = input.text("title", 2000);
        if (title == null || title.isEmpty()) {
            throw new ApiException.BadRequest("title is required");
        }
        GroupView project = project(tenant, organization, input.id("projectId"));
        OffsetDateTime now = OffsetDateTime.now(clock);
        var details = new Task.Details(
                title,
                input.text("description", 20000),
                input.text("issueType", 50),
                input.seconds("estimate"),
                input.date("dueDate"),
                input.date("startDate"),
                input.date("resolvedAt"),
                input.bool("public").orElse(true),
                input.bool("isDraft").orElse(false),
                project == null ? null : project.id(),
                parent(tenant, organization, input.id("parentId"), null));
        var draft = Task.created(
                TimeOrderedIds.next(), tenant, organization, prefix(project), details, context.userId(), now);
        var task = withOptions(draft, input, true).numbered(tasks.nextNumber(tenant, details.projectId()));
        tasks.insert(task);
        links(tenant, organization, task.id(), input);
        // A new task sent without members, teams or tags has none: no need to read them back.
        TaskView view = input.has("members") || input.has("teams") || input.has("tags")
                ? view(task, Set.of())
                : views(List.of(task), Set.of(), TaskRepository.Links.none()).get(0);
        publish("task.created", view);
        return view;
    }

    @Transactional
    TaskView update(RequestContext context, UUID id, JsonFields input) {
        var t = existing(context, id, false, true);
        UUID tenant = t.tenantId();
        UUID organization = t.organizationId();
        Task.Details d = t.details();
        String title = input.has("title") ? input.text("title", 2000) : d.title();
        if (title == null || title.isEmpty()) {
            throw new ApiException.BadRequest("title must not be empty");
        }
        var details = new Task.Details(
                title,
                input.has("description") ? input.text("description", 20000) : d.description(),
                input.has("issueType") ? input.text("issueType", 50) : d.issueType(),
                input.has("estimate") ? input.seconds("estimate") : d.estimate(),
                input.has("dueDate") ? input.date("dueDate") : d.dueDate(),
                input.has("startDate") ? input.date("startDate") : d.startDate(),
                input.has("resolvedAt") ? input.date("resolvedAt") : d.resolvedAt(),
                input.bool("public").orElse(d.isPublic()),
                input.bool("isDraft").orElse(d.isDraft()),
                input.has("projectId") ? idOf(project(tenant, organization, input.id("projectId"))) : d.projectId(),
                input.has("parentId") ? parent(tenant, organization, input.id("parentId"), t.id()) : d.parentId());
        var task = withOptions(t.changed(details, OffsetDateTime.now(clock)), input, false);
        tasks.update(task);
        links(tenant, organization, task.id(), input);
        TaskView view = view(task, Set.of());
        publish("task.updated", view);
        return view;
    }

    /** Deletes softly and answers the task as deleted. */
    @Transactional
    TaskView delete(RequestContext context, UUID id) {
        var deleted = existing(context, id, false, true).deleted(OffsetDateTime.now(clock));
        tasks.update(deleted);
        TaskView view = view(deleted, Set.of());
        publish("task.deleted", view);
        return view;
    }

    @Transactional(readOnly = true)
    TaskView get(RequestContext context, UUID id, Set<String> relations, boolean withDeleted) {
        return view(existing(context, id, withDeleted, false), relations);
    }

    @Transactional(readOnly = true)
    Page<TaskView> list(
            RequestContext context, GauzyQuery query, Map<String, List<String>> filters, @Nullable String title) {
        var slice = tasks.list(
                context.tenant(),
                context.organization(),
                filters,
                title,
                query.order(),
                query.withDeleted(),
                query.paging().skip(),
                query.paging().take());
        return new Page<>(views(slice.rows(), query.relations()), slice.total());
    }

    private Task existing(RequestContext context, UUID id, boolean withDeleted, boolean change) {
        var task = tasks.find(context.tenant(), id)
                .filter(t -> withDeleted || t.deletedAt() == null)
                .orElseThrow(() -> new ApiException.NotFound("Task", id));
        if (change) {
            Scopes.requireEditable(context, task.organizationId(), "Task", id);
        } else {
            Scopes.requireOrganization(context, task.organizationId(), "Task", id);
        }
        return task;
    }

    /** Status, priority and size: by option id (its name becomes the text) or by name (linked when it exists). */
    private Task withOptions(Task t, JsonFields input, boolean creating) {
        Task.Options o = t.options();
        return t.with(new Task.Options(
                choose(t, input, TaskOptionKind.STATUS, "status", "taskStatusId", o.status(), creating),
                choose(t, input, TaskOptionKind.PRIORITY, "priority", "taskPriorityId", o.priority(), creating),
                choose(t, input, TaskOptionKind.SIZE, "size", "taskSizeId", o.size(), creating)));
    }

    private Task.Choice choose(
            Task t,
            JsonFields input,
            TaskOptionKind kind,
            String textField,
            String idField,
            Task.Choice current,
            boolean creating) {
        if (input.sets(idField)) {
            var option = Optional.ofNullable(input.id(idField))
                    .flatMap(id -> options.find(kind, t.tenantId(), id))
                    .filter(o -> o.organizationId().equals(t.organizationId()))
                    .orElseThrow(() -> new ApiException.BadRequest(
                            idField + " does not name a " + kind.path.substring(5) + " of this organization"));
            return new Task.Choice(input.sets(textField) ? input.text(textField, 100) : option.name(), option.id());
        }
        if (input.has(textField) || (!creating && input.has(idField))) {
            String name = input.text(textField, 100);
            UUID id = name == null
                    ? null
                    : options.findByValue(kind, t.tenantId(), t.organizationId(), TaskOptionKind.slug(name))
                            .map(TaskOptionView::id)
                            .orElse(null);
            return new Task.Choice(name, id);
        }
        return current;
    }

    private void links(UUID tenant, UUID organization, UUID task, JsonFields input) {
        if (input.has("members")) {
            List<UUID> members = input.ids("members");
            var known = new HashSet<>(tasks.employees(tenant, organization, members));
            members.stream().filter(m -> !known.contains(m)).findFirst().ifPresent(m -> {
                throw new ApiException.BadRequest("members: " + m + " is not an employee of this organization");
            });
            tasks.replaceMembers(tenant, task, members);
        }
        if (input.has("teams")) {
            List<UUID> teams = input.ids("teams");
            var known = groups.findAll(GroupKind.TEAM, tenant, teams).stream()
                    .filter(g -> g.organizationId().equals(organization))
                    .map(GroupView::id)
                    .toList();
            teams.stream().filter(t -> !known.contains(t)).findFirst().ifPresent(t -> {
                throw new ApiException.BadRequest("teams: " + t + " is not a team of this organization");
            });
            tasks.replaceTeams(tenant, task, teams);
        }
        if (input.has("tags")) {
            tasks.replaceTags(tenant, task, input.names("tags"));
        }
    }

    private @Nullable GroupView project(UUID tenant, UUID organization, @Nullable UUID project) {
        if (project == null) {
            return null;
        }
        return groups.find(GroupKind.PROJECT, tenant, project)
                .filter(p -> p.organizationId().equals(organization))
                .orElseThrow(
                        () -> new ApiException.BadRequest("projectId does not name a project of this organization"));
    }

    private static @Nullable UUID idOf(@Nullable GroupView group) {
        return group == null ? null : group.id();
    }

    private @Nullable UUID parent(UUID tenant, UUID organization, @Nullable UUID parent, @Nullable UUID self) {
        if (parent == null) {
            return null;
        }
        if (parent.equals(self)) {
            throw new ApiException.BadRequest("parentId cannot be the task itself");
        }
        return tasks.find(tenant, parent)
                .filter(p -> p.organizationId().equals(organization) && p.deletedAt() == null)
                .map(Task::id)
                .orElseThrow(() -> new ApiException.BadRequest("parentId does not name a task of this organization"));
    }

    /** The first letters of the project's name ("Website" → "WEBS"), or TASK. */
    private static String prefix(@Nullable GroupView project) {
        String letters = project == null
                ? ""
                : project.name().replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
        return letters.isEmpty() ? "TASK" : letters.substring(0, Math.min(4, letters.length()));
    }

    private TaskView view(Task task, Set<String> relations) {
        return views(List.of(task), relations).get(0);
    }

    /**
     * The views of a page of tasks: links and relations loaded with a fixed number of queries, one per kind of
     * relation asked for, however many tasks the page holds.
     */
    private List<TaskView> views(List<Task> page, Set<String> relations) {
        if (page.isEmpty()) {
            return List.of();
        }
        return views(
                page,
                relations,
                tasks.links(page.get(0).tenantId(), page.stream().map(Task::id).toList()));
    }

    private List<TaskView> views(List<Task> page, Set<String> relations, TaskRepository.Links links) {
        UUID tenant = page.get(0).tenantId();
        var members = links.members();
        var teams = links.teams();
        var tags = links.tags();
        Map<UUID, GroupView> teamViews = new LinkedHashMap<>();
        if (relations.contains("teams")) {
            var teamIds = teams.values().stream()
                    .flatMap(List::stream)
                    .map(UUID::fromString)
                    .distinct()
                    .toList();
            groups.findAll(GroupKind.TEAM, tenant, teamIds).forEach(g -> teamViews.put(g.id(), g));
        }
        Map<UUID, GroupView> projects = relations.contains("project") ? projects(tenant, page) : Map.of();
        Map<TaskOptionKind, Map<UUID, TaskOptionView>> chosen = chosenOptions(tenant, page, relations);
        Map<UUID, Task> parents = relations.contains("parent") ? parents(tenant, page) : Map.of();
        var out = new ArrayList<TaskView>();
        for (var t : page) {
            List<Map<String, Object>> memberList = each(members.get(t.id()), id -> Map.of("id", id));
            List<Map<String, Object>> teamList = each(teams.get(t.id()), id -> {
                var team = teamViews.get(UUID.fromString(id));
                return team != null ? Map.of("id", id, "name", team.name()) : Map.of("id", id);
            });
            List<Map<String, Object>> tagList = each(tags.get(t.id()), name -> Map.of("name", name));
            Task.Details d = t.details();
            Task.Options o = t.options();
            UUID project = d.projectId();
            UUID parent = d.parentId();
            out.add(new TaskView(
                    t.id(),
                    t.tenantId(),
                    t.organizationId(),
                    t.number(),
                    t.prefix(),
                    t.prefix() + "-" + t.number(),
                    d.title(),
                    d.description(),
                    o.status().text(),
                    o.priority().text(),
                    o.size().text(),
                    d.issueType(),
                    d.estimate(),
                    d.dueDate(),
                    d.startDate(),
                    d.resolvedAt(),
                    d.isPublic(),
                    d.isDraft(),
                    project,
                    parent,
                    o.status().id(),
                    o.priority().id(),
                    o.size().id(),
                    t.creatorId(),
                    memberList,
                    teamList,
                    tagList,
                    project != null ? projects.get(project) : null,
                    option(chosen, TaskOptionKind.STATUS, o.status().id()),
                    option(chosen, TaskOptionKind.PRIORITY, o.priority().id()),
                    option(chosen, TaskOptionKind.SIZE, o.size().id()),
                    parent != null && parents.containsKey(parent) ? parentView(parents.get(parent)) : null,
                    t.createdAt(),
                    t.updatedAt(),
                    t.deletedAt()));
        }
        return out;
    }

    /** Each link as the API shows it; most tasks have no members, teams or tags, and need no list built. */
    private static List<Map<String, Object>> each(
            @Nullable List<String> links, Function<String, Map<String, Object>> view) {
        return links == null || links.isEmpty()
                ? List.of()
                : links.stream().map(view).toList();
    }

    private Map<UUID, GroupView> projects(UUID tenant, List<Task> page) {
        var ids = distinct(page, t -> t.details().projectId());
        return byId(groups.findAll(GroupKind.PROJECT, tenant, ids), GroupView::id);
    }

    /** The options the page's tasks chose, of each kind whose relation was asked for. */
    private Map<TaskOptionKind, Map<UUID, TaskOptionView>> chosenOptions(
            UUID tenant, List<Task> page, Set<String> relations) {
        var chosen = new EnumMap<TaskOptionKind, Map<UUID, TaskOptionView>>(TaskOptionKind.class);
        for (var kind : TaskOptionKind.values()) {
            if (relations.contains(kind.relation)) {
                var ids = distinct(page, t -> t.options().choice(kind).id());
                chosen.put(kind, byId(options.findAll(kind, tenant, ids), TaskOptionView::id));
            }
        }
        return chosen;
    }

    private Map<UUID, Task> parents(UUID tenant, List<Task> page) {
        var ids = distinct(page, t -> t.details().parentId());
        return byId(tasks.findAll(tenant, ids), Task::id);
    }

    /** The option a task chose, when its relation was asked for and the option still exists. */
    private static @Nullable TaskOptionView option(
            Map<TaskOptionKind, Map<UUID, TaskOptionView>> chosen, TaskOptionKind kind, @Nullable UUID id) {
        var asked = chosen.get(kind);
        return asked != null && id != null ? asked.get(id) : null;
    }

    private static Map<String, Object> parentView(Task parent) {
        return Map.of("id", parent.id(), "title", parent.details().title(), "number", parent.number());
    }

    /** The distinct non-null ids the page's tasks refer to. */
    private static Set<UUID> distinct(List<Task> page, Function<Task, @Nullable UUID> id) {
        var ids = new HashSet<UUID>();
        for (var t : page) {
            UUID value = id.apply(t);
            if (value != null) {
                ids.add(value);
            }
        }
        return ids;
    }

    private static <T> Map<UUID, T> byId(List<T> rows, Function<T, UUID> id) {
        var out = new HashMap<UUID, T>();
        rows.forEach(row -> out.put(id.apply(row), row));
        return out;
    }

    private void publish(String type, TaskView task) {
        events.publishEvent(
                new WorkspaceEvent(type, task.tenantId(), task.organizationId(), task.id(), task, clock.instant()));
    }
}
