package org.gauzy.bridge.automation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which flows are in alert, kept in the database so that every node agrees and each change is told once: a
 * flow is raised when it starts failing or stops receiving, cleared when it recovers, each time with an
 * {@link AutomationFlowAlert}. The metric {@code gauzy_automation_failing_flows} counts the open alerts of
 * every tenant (no tenant labels).
 */
@Component
class FlowAlerts {

    /** An open alert, as the Flows tab's banner shows it. */
    record Open(
            String flowId, String flowName, String projectId, String reason, String message, OffsetDateTime since) {}

    /** A flow's alert as health sees it now: null reason when it is fine. */
    record Finding(String flowId, String flowName, String reason, String message) {}

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FlowAlerts(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        Gauge.builder("gauzy_automation_failing_flows", this, FlowAlerts::openCount)
                .description("Flows acting on Gauzy data that are failing or no longer receive deliveries")
                .register(registry);
    }

    /**
     * Records what one look at a project found: raises the findings not yet open, clears the open alerts of
     * the project's flows that are fine now ({@code looked}: the flows seen) and, when the listing was
     * {@code complete}, of the flows that are gone; after an incomplete listing, an alert of a flow not seen
     * stays. Each change is its own statement, outside any transaction: an
     * insert that another node made first fails alone, without aborting the rest.
     */
    void record(
            UUID tenant,
            UUID organization,
            UUID integration,
            String projectId,
            List<Finding> findings,
            Set<String> looked,
            boolean complete) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Finding finding : findings) {
            int reopened = jdbc.sql("""
                    update automation_flow_alert set reason = :reason, message = :message, flow_name = :name,
                        organization_id = :organization, project_id = :project, raised_at = :now, cleared_at = null
                    where tenant_id = :tenant and integration_id = :integration and flow_id = :flow
                        and cleared_at is not null""")
                    .param("reason", finding.reason())
                    .param("message", cut(finding.message(), 1000))
                    .param("name", cut(finding.flowName(), 255))
                    .param("organization", organization)
                    .param("project", projectId)
                    .param("now", now)
                    .param("tenant", tenant)
                    .param("integration", integration)
                    .param("flow", finding.flowId())
                    .update();
            boolean raised = reopened == 1 || insert(tenant, organization, integration, projectId, finding, now);
            if (raised) {
                events.publishEvent(new AutomationFlowAlert(
                        tenant,
                        organization,
                        integration,
                        projectId,
                        finding.flowId(),
                        finding.flowName(),
                        finding.reason(),
                        finding.message(),
                        true,
                        now));
            }
        }
        Set<String> alerting = findings.stream().map(Finding::flowId).collect(java.util.stream.Collectors.toSet());
        for (Open open : open(tenant, organization, integration)) {
            if (!open.projectId().equals(projectId)
                    || alerting.contains(open.flowId())
                    || (!complete && !looked.contains(open.flowId()))) {
                continue;
            }
            int cleared = jdbc.sql("""
                    update automation_flow_alert set cleared_at = :now
                    where tenant_id = :tenant and integration_id = :integration and flow_id = :flow
                        and cleared_at is null""")
                    .param("now", now)
                    .param("tenant", tenant)
                    .param("integration", integration)
                    .param("flow", open.flowId())
                    .update();
            if (cleared == 1) {
                events.publishEvent(new AutomationFlowAlert(
                        tenant,
                        organization,
                        integration,
                        projectId,
                        open.flowId(),
                        open.flowName(),
                        open.reason(),
                        "recovered",
                        false,
                        now));
            }
        }
    }

    /** The open alerts of an organization's installation, oldest first. */
    List<Open> open(UUID tenant, UUID organization, UUID integration) {
        return jdbc.sql("""
                select flow_id, flow_name, project_id, reason, message, raised_at from automation_flow_alert
                where tenant_id = :tenant and organization_id = :organization and integration_id = :integration
                    and cleared_at is null
                order by raised_at, flow_id""")
                .param("tenant", tenant)
                .param("organization", organization)
                .param("integration", integration)
                .query((rs, row) -> new Open(
                        rs.getString("flow_id"),
                        rs.getString("flow_name"),
                        rs.getString("project_id"),
                        rs.getString("reason"),
                        rs.getString("message"),
                        rs.getObject("raised_at", OffsetDateTime.class)))
                .list();
    }

    private boolean insert(
            UUID tenant, UUID organization, UUID integration, String projectId, Finding finding, OffsetDateTime now) {
        boolean open = jdbc.sql("""
                select count(*) from automation_flow_alert
                where tenant_id = :tenant and integration_id = :integration and flow_id = :flow""")
                        .param("tenant", tenant)
                        .param("integration", integration)
                        .param("flow", finding.flowId())
                        .query(Integer.class)
                        .single()
                > 0;
        if (open) {
            return false;
        }
        try {
            jdbc.sql("""
                    insert into automation_flow_alert (tenant_id, integration_id, flow_id, organization_id, project_id,
                        flow_name, reason, message, raised_at)
                    values (:tenant, :integration, :flow, :organization, :project, :name, :reason, :message, :now)""")
                    .param("tenant", tenant)
                    .param("integration", integration)
                    .param("flow", finding.flowId())
                    .param("organization", organization)
                    .param("project", projectId)
                    .param("name", cut(finding.flowName(), 255))
                    .param("reason", finding.reason())
                    .param("message", cut(finding.message(), 1000))
                    .param("now", now)
                    .update();
            return true;
        } catch (DuplicateKeyException raisedElsewhere) {
            return false;
        }
    }

    private double openCount() {
        return jdbc.sql("select count(*) from automation_flow_alert where cleared_at is null")
                .query(Long.class)
                .single();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
