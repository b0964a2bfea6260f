package org.gauzy.bridge.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tasks and their members, teams and tags; every query filters by tenant. */
@Repository
class TaskRepository {

    /**
     * The filters a list may use, mapped to their columns: only these names ever reach SQL. A relation's id is
     * the same filter in TypeORM's nested form ({@code where[project][id]}). Each takes a list ({@code In}).
     */
    static final Map<String, String> FILTERS = Map.ofEntries(
            Map.entry("projectId", "project_id"),
            Map.entry("project.id", "project_id"),
            Map.entry("status", "status"),
            Map.entry("priority", "priority"),
            Map.entry("size", "size"),
            Map.entry("parentId", "parent_id"),
            Map.entry("parent.id", "parent_id"),
            Map.entry("taskStatusId", "task_status_id"),
            Map.entry("taskStatus.id", "task_status_id"),
            Map.entry("creatorId", "creator_id"),
            Map.entry("isDraft", "is_draft"),
            Map.entry("id", "id"));
    /** The fields a list sorts by, mapped to their columns. */
    static final Map<String, String> SORTS = Map.of(
            "createdAt",
            "created_at",
            "updatedAt",
            "updated_at",
            "title",
            "title",
            "number",
            "task_number",
            "status",
            "status",
            "priority",
            "priority",
            "size",
            "size",
            "dueDate",
            "due_date",
            "startDate",
            "start_date",
            "estimate",
            "estimate");

    static final UUID NO_PROJECT = new UUID(0, 0);

    /** The order a list takes when none is asked, which the list's indexes hold after their leading columns. */
    static final String NEWEST_FIRST = "created_at desc, id";
    /** The leading columns of {@code ix_task_project_status}; {@code ix_task_scope} has the first two. */
    private static final List<String> INDEX_LEAD = List.of("tenant_id", "organization_id", "project_id", "status");

    /** Every column, in the order {@link #map} reads them. */
    private static final String COLUMNS = "id, tenant_id, organization_id, task_number, prefix, title, description,"
            + " status, priority, size, issue_type, estimate, due_date, start_date, resolved_at, is_public, is_draft,"
            + " project_id, parent_id, task_status_id, task_priority_id, task_size_id, creator_id, created_at,"
            + " updated_at, deleted_at";

    private final JdbcClient jdbc;

    TaskRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next number in a project (or among tasks without one); the counter row stays locked until
     * commit. Two statements once the counter exists (the common case), which is what a create pays:
     * H2 has neither {@code on conflict do update} nor {@code returning}.
     */
    int nextNumber(UUID tenant, @Nullable UUID project) {
        UUID key = project == null ? NO_PROJECT : project;
        int counted = jdbc.sql("update task_sequence set next_number = next_number + 1"
                        + " where tenant_id = :tenant and project_key = :key")
                .param("tenant", tenant)
                .param("key", key)
                .update();
        if (counted == 0) {
            int created = jdbc.sql("insert into task_sequence (tenant_id, project_key, next_number)"
                            + " values (:tenant, :key, 2) on conflict do nothing")
                    .param("tenant", tenant)
                    .param("key", key)
                    .update();
            if (created == 1) {
                return 1;
            }
            // Another transaction created it first; its row lock orders us after it.
            return nextNumber(tenant, project);
        }
        return jdbc.sql("select next_number - 1 from task_sequence where tenant_id = :tenant and project_key = :key")
                .param("tenant", tenant)
                .param("key", key)
                .query(Integer.class)
                .single();
    }

    void insert(Task t) {
        jdbc.sql("insert into task (" + COLUMNS
                        + ") values (:id, :tenant, :org, :number, :prefix, :title, :description,"
                        + " :status, :priority, :size, :issueType, :estimate, :dueDate, :startDate, :resolvedAt, :isPublic,"
                        + " :isDraft, :projectId, :parentId, :statusId, :priorityId, :sizeId, :creatorId, :created, :updated,"
                        + " :deleted)")
                .params(params(t))
                .update();
    }

    void update(Task t) {
        jdbc.sql("""
                update task set title = :title, description = :description, status = :status, priority = :priority,
                    size = :size, issue_type = :issueType, estimate = :estimate, due_date = :dueDate,
                    start_date = :startDate, resolved_at = :resolvedAt, is_public = :isPublic, is_draft = :isDraft,
                    project_id = :projectId, parent_id = :parentId, task_status_id = :statusId,
                    task_priority_id = :priorityId, task_size_id = :sizeId, updated_at = :updated, deleted_at = :deleted
                where tenant_id = :tenant and id = :id""").params(params(t)).update();
    }

    Optional<Task> find(UUID tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from task where tenant_id = :tenant and id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .query(TaskRepository::map)
                .optional();
    }

    List<Task> findAll(UUID tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from task where tenant_id = :tenant and id in (:ids)")
                .param("tenant", tenant)
                .param("ids", ids)
                .query(TaskRepository::map)
                .list();
    }

    /** A page of the organization's tasks that match, in the order asked (else newest first), and the count. */
    ListSql.Rows<Task> list(
            UUID tenant,
            UUID organization,
            Map<String, List<String>> filters,
            @Nullable String title,
            List<GauzyQuery.Sort> order,
            boolean withDeleted,
            int skip,
            int take) {
        var where = new StringBuilder(" from task where tenant_id = :tenant and organization_id = :org");
        var params = new LinkedHashMap<String, @Nullable Object>();
        params.put("tenant", tenant);
        params.put("org", organization);
        ListSql.filters(
                filters,
                field -> FILTERS.containsKey(field) ? FILTERS.get(field) + " %s" : null,
                (field, value) -> typed(field, FILTERS.getOrDefault(field, field), value),
                where,
                params);
        if (title != null) {
            where.append(" and lower(title) like :title escape '\\'");
            params.put("title", "%" + title.toLowerCase(Locale.ROOT).replaceAll("([\\\\%_])", "\\\\$1") + "%");
        }
        if (!withDeleted) {
            where.append(" and deleted_at is null");
        }
        return ListSql.page(
                jdbc,
                COLUMNS,
                where,
                params,
                order,
                SORTS,
                NEWEST_FIRST,
                pinned(filters),
                skip,
                take,
                TaskRepository::map);
    }

    /**
     * The leading columns of the list's indexes ({@code ix_task_project_status}, {@code ix_task_scope}) that
     * the filters hold at one value: a page of one organization, or of one project and status in it, is then
     * read from its index in order, 50 rows for 50, rather than every match sorted.
     */
    static List<String> pinned(Map<String, List<String>> filters) {
        var single = new HashSet<>(List.of("tenant_id", "organization_id"));
        filters.forEach((field, values) -> {
            if (values.size() == 1 && FILTERS.containsKey(field)) {
                single.add(FILTERS.get(field));
            }
        });
        return INDEX_LEAD.stream().takeWhile(single::contains).toList();
    }

    void replaceMembers(UUID tenant, UUID task, Collection<UUID> employees) {
        jdbc.sql("delete from task_member where tenant_id = :tenant and task_id = :task")
                .param("tenant", tenant)
                .param("task", task)
                .update();
        employees.forEach(
                e -> jdbc.sql("insert into task_member (task_id, employee_id, tenant_id) values (:task, :e, :tenant)")
                        .param("task", task)
                        .param("e", e)
                        .param("tenant", tenant)
                        .update());
    }

    void replaceTeams(UUID tenant, UUID task, Collection<UUID> teams) {
        jdbc.sql("delete from task_team where tenant_id = :tenant and task_id = :task")
                .param("tenant", tenant)
                .param("task", task)
                .update();
        teams.forEach(t -> jdbc.sql("insert into task_team (task_id, team_id, tenant_id) values (:task, :t, :tenant)")
                .param("task", task)
                .param("t", t)
                .param("tenant", tenant)
                .update());
    }

    void replaceTags(UUID tenant, UUID task, Collection<String> tags) {
        jdbc.sql("delete from task_tag where tenant_id = :tenant and task_id = :task")
                .param("tenant", tenant)
                .param("task", task)
                .update();
        tags.forEach(t -> jdbc.sql("insert into task_tag (task_id, name, tenant_id) values (:task, :t, :tenant)")
                .param("task", task)
                .param("t", t)
                .param("tenant", tenant)
                .update());
    }

    /** The members, teams and tags of a page of tasks. */
    record Links(Map<UUID, List<String>> members, Map<UUID, List<String>> teams, Map<UUID, List<String>> tags) {

        static Links none() {
            return new Links(Map.of(), Map.of(), Map.of());
        }
    }

    /** Every link of a page of tasks in one query. */
    Links links(UUID tenant, Collection<UUID> tasks) {
        var links = new Links(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        if (tasks.isEmpty()) {
            return links;
        }
        jdbc.sql("""
                select 'M' as kind, task_id, cast(employee_id as varchar) as link from task_member
                where tenant_id = :tenant and task_id in (:tasks)
                union all
                select 'T' as kind, task_id, cast(team_id as varchar) as link from task_team
                where tenant_id = :tenant and task_id in (:tasks)
                union all
                select 'G' as kind, task_id, name as link from task_tag
                where tenant_id = :tenant and task_id in (:tasks)
                order by link""").param("tenant", tenant).param("tasks", tasks).query((ResultSet rs) -> {
            var map = switch (rs.getString("kind")) {
                case "M" -> links.members();
                case "T" -> links.teams();
                default -> links.tags();
            };
            map.computeIfAbsent(rs.getObject("task_id", UUID.class), k -> new ArrayList<>())
                    .add(rs.getString("link"));
        });
        return links;
    }

    /** Which of these ids are active employees of the organization. */
    List<UUID> employees(UUID tenant, UUID organization, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id from employee where tenant_id = :tenant and organization_id = :org and id in (:ids)"
                        + " and deleted_at is null")
                .param("tenant", tenant)
                .param("org", organization)
                .param("ids", ids)
                .query(UUID.class)
                .list();
    }

    private static @Nullable Object typed(String field, String column, String value) {
        if (column.endsWith("_id") || column.equals("id")) {
            try {
                return UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                throw new ApiException.BadRequest("where." + field + " must be a UUID");
            }
        }
        if (column.equals("is_draft")) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new ApiException.BadRequest("where." + field + " must be true or false");
            }
            return Boolean.valueOf(value);
        }
        return value;
    }

    private static Map<String, @Nullable Object> params(Task t) {
        var p = new LinkedHashMap<String, @Nullable Object>();
        p.put("id", t.id());
        p.put("tenant", t.tenantId());
        p.put("org", t.organizationId());
        p.put("number", t.number());
        p.put("prefix", t.prefix());
        Task.Details d = t.details();
        p.put("title", d.title());
        p.put("description", d.description());
        p.put("issueType", d.issueType());
        p.put("estimate", d.estimate());
        p.put("dueDate", d.dueDate());
        p.put("startDate", d.startDate());
        p.put("resolvedAt", d.resolvedAt());
        p.put("isPublic", d.isPublic());
        p.put("isDraft", d.isDraft());
        p.put("projectId", d.projectId());
        p.put("parentId", d.parentId());
        Task.Options o = t.options();
        p.put("status", o.status().text());
        p.put("priority", o.priority().text());
        p.put("size", o.size().text());
        p.put("statusId", o.status().id());
        p.put("priorityId", o.priority().id());
        p.put("sizeId", o.size().id());
        p.put("creatorId", t.creatorId());
        p.put("created", t.createdAt());
        p.put("updated", t.updatedAt());
        p.put("deleted", t.deletedAt());
        return p;
    }

    /**
     * A row of {@code select COLUMNS}, read by position: looking each column up by name cost a tenth of
     * a page of 50 tasks on PostgreSQL.
     */
    private static Task map(ResultSet rs, int row) throws SQLException {
        var details = new Task.Details(
                rs.getString(6),
                rs.getString(7),
                rs.getString(11),
                (Integer) rs.getObject(12),
                rs.getObject(13, OffsetDateTime.class),
                rs.getObject(14, OffsetDateTime.class),
                rs.getObject(15, OffsetDateTime.class),
                rs.getBoolean(16),
                rs.getBoolean(17),
                rs.getObject(18, UUID.class),
                rs.getObject(19, UUID.class));
        var options = new Task.Options(
                new Task.Choice(rs.getString(8), rs.getObject(20, UUID.class)),
                new Task.Choice(rs.getString(9), rs.getObject(21, UUID.class)),
                new Task.Choice(rs.getString(10), rs.getObject(22, UUID.class)));
        return new Task(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getInt(4),
                rs.getString(5),
                details,
                options,
                rs.getObject(23, UUID.class),
                rs.getObject(24, OffsetDateTime.class),
                rs.getObject(25, OffsetDateTime.class),
                rs.getObject(26, OffsetDateTime.class));
    }
}
