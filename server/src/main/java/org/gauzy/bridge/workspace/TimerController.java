package org.gauzy.bridge.workspace;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresPermission;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Gauzy's {@code /api/timesheet/timer/*} and {@code /api/timesheet/time-log}. */
@RestController
class TimerController {

    private final Timer timer;

    TimerController(Timer timer) {
        this.timer = timer;
    }

    /** 201 with the new log, or 200 with the log already running. */
    @RequiresPermission(value = Permission.TIME_TRACKER, organization = OrganizationFrom.REQUEST)
    @PostMapping("/api/timesheet/timer/start")
    ResponseEntity<TimeLogView> start(RequestContext context, @RequestBody JsonNode body) {
        var started = timer.start(context, new JsonFields(body));
        return ResponseEntity.status(started.started() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(started.log());
    }

    @RequiresPermission(value = Permission.TIME_TRACKER, organization = OrganizationFrom.REQUEST)
    @PostMapping("/api/timesheet/timer/stop")
    TimeLogView stop(RequestContext context, @RequestBody JsonNode body) {
        return timer.stop(context, new JsonFields(body));
    }

    @RequiresPermission(value = Permission.TIME_TRACKER, organization = OrganizationFrom.REQUEST)
    @GetMapping("/api/timesheet/timer/status")
    Map<String, @Nullable Object> status(
            RequestContext context,
            @RequestParam(required = false) @Nullable UUID employeeId,
            @RequestParam(required = false) @Nullable String todayStart,
            @RequestParam(required = false) @Nullable String todayEnd) {
        return timer.status(
                context, employeeId, JsonFields.date("todayStart", todayStart), JsonFields.date("todayEnd", todayEnd));
    }

    @RequiresPermission(value = Permission.TIME_TRACKER, organization = OrganizationFrom.REQUEST)
    @GetMapping("/api/timesheet/time-log")
    Page<TimeLogView> logs(
            RequestContext context,
            @RequestParam(required = false) @Nullable UUID employeeId,
            @RequestParam(required = false) @Nullable String startDate,
            @RequestParam(required = false) @Nullable String endDate) {
        OffsetDateTime from = JsonFields.date("startDate", startDate);
        OffsetDateTime to = JsonFields.date("endDate", endDate);
        OffsetDateTime start =
                from != null ? from : OffsetDateTime.now(ZoneOffset.UTC).minusDays(7);
        OffsetDateTime end =
                to != null ? to : OffsetDateTime.now(ZoneOffset.UTC).plusDays(1);
        if (!end.isAfter(start)) {
            throw new ApiException.BadRequest("endDate must be after startDate");
        }
        List<TimeLogView> items = timer.logs(context, employeeId, start, end);
        return new Page<>(items, items.size());
    }
}
