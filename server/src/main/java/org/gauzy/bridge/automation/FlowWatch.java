package org.gauzy.bridge.automation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.gauzy.bridge.activepieces.ActivepiecesReads;
import org.gauzy.bridge.integration.IntegrationTenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Looks at every enabled installation's flows in the background ({@code checkEvery}, 5 minutes), so that a
 * flow that starts failing raises its alert (the banner, the metric, the event and its webhooks) whether
 * anyone opens the Flows tab or not. It watches the project of the installation's connection, for the
 * installation's organization. On several nodes, each installation is claimed by one node per round.
 */
@Component
class FlowWatch {

    private static final Logger log = LoggerFactory.getLogger(FlowWatch.class);

    private final IntegrationTenants integrations;
    private final ActivepiecesReads activepieces;
    private final FlowHealth health;
    private final AutomationSettings settings;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TaskScheduler scheduler;

    FlowWatch(
            IntegrationTenants integrations,
            ActivepiecesReads activepieces,
            FlowHealth health,
            AutomationSettings settings,
            JdbcClient jdbc,
            Clock clock,
            TaskScheduler scheduler) {
        this.scheduler = scheduler;
        this.integrations = integrations;
        this.activepieces = activepieces;
        this.health = health;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Starts the rounds once the service is up, every {@code checkEvery}; none when it is zero. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!settings.checkEvery().isZero() && !settings.checkEvery().isNegative()) {
            scheduler.scheduleWithFixedDelay(
                    this::checkDueSafely, clock.instant().plus(settings.checkEvery()), settings.checkEvery());
        }
    }

    private void checkDueSafely() {
        try {
            checkDue();
        } catch (RuntimeException failed) {
            // The database unreachable for a while: the next round tries again.
            log.warn("A round of flow checks failed: {}", failed.getMessage());
        }
    }

    /** Checks each installation whose turn has come; answers how many it checked. */
    int checkDue() {
        int checked = 0;
        for (IntegrationTenants.Installed installation : integrations.enabled(IntegrationTenants.ACTIVEPIECES)) {
            if (!claim(installation.tenantId(), installation.id())) {
                continue;
            }
            try {
                var project = activepieces.openRecorded(installation.tenantId(), installation.id());
                if (project.isPresent() && project.get().organization() != null) {
                    health.look(
                            installation.tenantId(),
                            project.get().organization(),
                            installation.id(),
                            project.get(),
                            clock.instant());
                    checked++;
                }
            } catch (RuntimeException failed) {
                // Activepieces down or the credential refused: the next round tries again.
                log.warn(
                        "The flows of Activepieces installation {} could not be checked: {}",
                        installation.id(),
                        failed.getMessage());
            }
        }
        return checked;
    }

    /** Takes this installation's turn for this node, if it has come; one update, so one node takes it. */
    private boolean claim(UUID tenant, UUID integration) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime next =
                now.plus(settings.checkEvery().isZero() ? java.time.Duration.ofMinutes(5) : settings.checkEvery());
        int taken = jdbc.sql("update automation_watch set next_check_at = :next where integration_id = :id"
                        + " and next_check_at <= :now")
                .param("next", next)
                .param("id", integration)
                .param("now", now)
                .update();
        if (taken == 1) {
            return true;
        }
        boolean known = jdbc.sql("select count(*) from automation_watch where integration_id = :id")
                        .param("id", integration)
                        .query(Integer.class)
                        .single()
                > 0;
        if (known) {
            return false;
        }
        try {
            jdbc.sql(
                            "insert into automation_watch (integration_id, tenant_id, next_check_at) values (:id, :tenant, :next)")
                    .param("id", integration)
                    .param("tenant", tenant)
                    .param("next", next)
                    .update();
            return true;
        } catch (DuplicateKeyException takenElsewhere) {
            return false;
        }
    }
}
