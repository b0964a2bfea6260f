package org.gauzy.bridge.workspace;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.TimeOrderedIds;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The timer: one running time log per employee. Starting while one runs answers the running log, so an
 * automation that retries never creates a second; stopping without one running is a clear 400. The
 * employee is the caller's own, or {@code employeeId} for a caller who may act for others
 * (ORG_EMPLOYEES_EDIT).
 */
@Service
class Timer {

    static final Set<String> LOG_TYPES = Set.of("TRACKED", "MANUAL", "IDLE", "RESUMED");
    static final Set<String> SOURCES =
            Set.of("MOBILE", "BROWSER", "DESKTOP", "BROWSER_EXTENSION", "HUBSTAFF", "UPWORK", "TEAMS", "CLOC");

    /** The log, and whether this call started it (else it was already running). */
    record Started(TimeLogView log, boolean started) {}

    private final TimeLogRepository logs;
    private final Employees employees;
    private final GroupRepository groups;
    private final TaskRepository tasks;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Timer(
            TimeLogRepository logs,
            Employees employees,
            GroupRepository groups,
            TaskRepository tasks,
            ApplicationEventPublisher events,
            Clock clock) {
        this.logs = logs;
        this.employees = employees;
        this.groups = groups;
        this.tasks = tasks;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    Started start(RequestContext context, JsonFields body) {
        var employee = employee(context, body.id("employeeId"));
        OffsetDateTime now = OffsetDateTime.now(clock);
        UUID organization = employee.organizationId();
        var log = new TimeLogRepository.TimeLog(
                TimeOrderedIds.next(),
                employee.tenantId(),
                organization,
                employee.id(),
                now,
                null,
                oneOf("logType", body.text("logType", 20), LOG_TYPES, "TRACKED"),
                oneOf("source", body.text("source", 30), SOURCES, "BROWSER"),
                body.bool("isBillable").orElse(true),
                body.text("description", 2000),
                inOrganization(GroupKind.PROJECT, "projectId", body, employee.tenantId(), organization),
                task(body, employee.tenantId(), organization),
                inOrganization(GroupKind.TEAM, "organizationTeamId", body, employee.tenantId(), organization),
                now,
                now);
        boolean started;
        try {
            started = logs.startIfNoneRunning(log);
        } catch (DataAccessException raced) {
            started = false;
        }
        if (!started) {
            var running = logs.running(employee.tenantId(), employee.id())
                    .orElseThrow(() -> new ApiException.Conflict("A timer is being started for this employee; retry"));
            return new Started(TimeLogView.of(running, now), false);
        }
        var view = TimeLogView.of(log, now);
        publish("timesheet.time-log.created", view);
        publish("timer.started", view);
        return new Started(view, true);
    }

    @Transactional
    TimeLogView stop(RequestContext context, JsonFields body) {
        var employee = employee(context, body.id("employeeId"));
        OffsetDateTime now = OffsetDateTime.now(clock);
        var running = logs.running(employee.tenantId(), employee.id())
                .orElseThrow(
                        () -> new ApiException.BadRequest("No timer is running for this employee: start one first"));
        if (!logs.stop(employee.tenantId(), running.id(), now)) {
            throw new ApiException.BadRequest("No timer is running for this employee: start one first");
        }
        var view = TimeLogView.of(logs.find(employee.tenantId(), running.id()).orElseThrow(), now);
        publish("timesheet.time-log.updated", view);
        publish("timer.stopped", view);
        return view;
    }

    /** Gauzy's timer status: whether it runs, the last log, its duration so far, and today's total. */
    @Transactional(readOnly = true)
    Map<String, @Nullable Object> status(
            RequestContext context,
            @Nullable UUID employeeId,
            @Nullable OffsetDateTime todayStart,
            @Nullable OffsetDateTime todayEnd) {
        var employee = employee(context, employeeId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime from = todayStart != null
                ? todayStart
                : now.toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = todayEnd != null ? todayEnd : from.plusDays(1);
        var last = logs.last(employee.tenantId(), employee.id()).map(l -> TimeLogView.of(l, now));
        long today = logs.between(employee.tenantId(), employee.id(), from, to).stream()
                .mapToLong(l -> overlap(l, from, to, now))
                .sum();
        var out = new LinkedHashMap<String, @Nullable Object>();
        out.put("running", last.map(TimeLogView::isRunning).orElse(false));
        out.put("lastLog", last.orElse(null));
        out.put(
                "duration",
                last.filter(TimeLogView::isRunning).map(TimeLogView::duration).orElse(0L));
        out.put("todayDuration", today);
        return out;
    }

    @Transactional(readOnly = true)
    List<TimeLogView> logs(RequestContext context, @Nullable UUID employeeId, OffsetDateTime from, OffsetDateTime to) {
        var employee = employee(context, employeeId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return logs.between(employee.tenantId(), employee.id(), from, to).stream()
                .map(l -> TimeLogView.of(l, now))
                .toList();
    }

    private EmployeeRepository.Employee employee(RequestContext context, @Nullable UUID employeeId) {
        var own = employees.own(context);
        if (employeeId == null
                || own.map(e -> e.id().equals(employeeId) || e.userId().equals(employeeId))
                        .orElse(false)) {
            return own.orElseThrow(() -> new ApiException.BadRequest("You are not an employee of this organization: "
                    + "send employeeId, or act in an organization where you are one"));
        }
        if (!context.has(Permission.ORG_EMPLOYEES_EDIT)) {
            throw new ApiException.Forbidden("Acting for another employee needs the ORG_EMPLOYEES_EDIT permission");
        }
        return employees.resolve(context, employeeId, false);
    }

    private @Nullable UUID inOrganization(
            GroupKind kind, String field, JsonFields body, UUID tenant, UUID organization) {
        UUID id = body.id(field);
        if (id == null) {
            return null;
        }
        return groups.find(kind, tenant, id)
                .filter(g -> g.organizationId().equals(organization))
                .map(GroupView::id)
                .orElseThrow(() -> new ApiException.BadRequest(
                        field + " does not name a " + kind.path.substring(13) + " of this organization"));
    }

    private @Nullable UUID task(JsonFields body, UUID tenant, UUID organization) {
        UUID id = body.id("taskId");
        if (id == null) {
            return null;
        }
        return tasks.find(tenant, id)
                .filter(t -> t.organizationId().equals(organization) && t.deletedAt() == null)
                .map(Task::id)
                .orElseThrow(() -> new ApiException.BadRequest("taskId does not name a task of this organization"));
    }

    private static String oneOf(String field, @Nullable String value, Set<String> allowed, String fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw new ApiException.BadRequest(
                    field + " must be one of " + allowed.stream().sorted().toList());
        }
        return value;
    }

    private static long overlap(
            TimeLogRepository.TimeLog log, OffsetDateTime from, OffsetDateTime to, OffsetDateTime now) {
        OffsetDateTime start = log.startedAt().isAfter(from) ? log.startedAt() : from;
        OffsetDateTime stop = log.stoppedAt() == null ? now : log.stoppedAt();
        OffsetDateTime end = stop.isBefore(to) ? stop : to;
        return Math.max(0, Duration.between(start, end).toSeconds());
    }

    private void publish(String type, TimeLogView log) {
        events.publishEvent(
                new WorkspaceEvent(type, log.tenantId(), log.organizationId(), log.id(), log, clock.instant()));
    }
}
