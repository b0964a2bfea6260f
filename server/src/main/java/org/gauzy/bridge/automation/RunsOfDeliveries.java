package org.gauzy.bridge.automation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gauzy.bridge.activepieces.ActivepiecesReads;
import org.gauzy.bridge.integration.IntegrationTenants;
import org.gauzy.bridge.webhooks.DeliveryOutcomes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Which run of its flow followed each delivery, for the delivery log. Activepieces answers a delivery to a
 * trigger URL with a request id, not a run (webhooks/webhook.service.ts @66f43de175: the job is queued), so
 * deliveries and runs are matched by time: in delivery order, each takes the first run not yet taken that was
 * made from 5 s before it got through to 2 minutes after. One call reads the runs of the page's span, with the
 * organization's installation (its own, else the tenant-wide one); anything that fails leaves the runs out.
 */
@Component
class RunsOfDeliveries implements DeliveryOutcomes {

    private static final Logger log = LoggerFactory.getLogger(RunsOfDeliveries.class);
    static final Duration BEFORE = Duration.ofSeconds(5);
    static final Duration AFTER = Duration.ofMinutes(2);

    private final IntegrationTenants integrations;
    private final ActivepiecesReads activepieces;

    RunsOfDeliveries(IntegrationTenants integrations, ActivepiecesReads activepieces) {
        this.integrations = integrations;
        this.activepieces = activepieces;
    }

    @Override
    public @Nullable String flowOf(String targetUrl) {
        return FlowHealth.flowOf(targetUrl).orElse(null);
    }

    @Override
    public Map<UUID, Outcome> of(UUID tenant, UUID organization, String targetUrl, List<Delivered> delivered) {
        String flow = flowOf(targetUrl);
        var out = new HashMap<UUID, Outcome>();
        if (flow == null) {
            return out;
        }
        delivered.forEach(d -> out.put(d.deliveryId(), new Outcome(flow, null, null, null)));
        try {
            Optional<ActivepiecesReads.Project> project = integrations
                    .find(tenant, organization, IntegrationTenants.ACTIVEPIECES)
                    .or(() -> integrations.find(tenant, null, IntegrationTenants.ACTIVEPIECES))
                    .flatMap(installation -> activepieces.openRecorded(tenant, installation));
            if (project.isEmpty()) {
                return out;
            }
            var byTime = new ArrayList<>(delivered);
            byTime.sort(Comparator.comparing(Delivered::deliveredAt));
            Instant first = byTime.get(0).deliveredAt().toInstant().minus(BEFORE);
            Instant last =
                    byTime.get(byTime.size() - 1).deliveredAt().toInstant().plus(AFTER);
            JsonNode page = project.get()
                    .get(
                            Map.of(
                                    "flowId",
                                    flow,
                                    "createdAfter",
                                    first.toString(),
                                    "createdBefore",
                                    last.toString(),
                                    "limit",
                                    "100"),
                            "flow-runs");
            var runs = new ArrayList<RunView>();
            page.path("data")
                    .forEach(run -> runs.add(
                            RunView.of(run, project.get().runUrl(run.path("id").asString()))));
            runs.removeIf(run -> run.created() == null);
            runs.sort(Comparator.comparing(RunView::created));
            var taken = new HashSet<String>();
            for (Delivered delivery : byTime) {
                Instant at = delivery.deliveredAt().toInstant();
                runs.stream()
                        .filter(run -> {
                            Instant created = run.created();
                            return created != null
                                    && !taken.contains(run.id())
                                    && !created.isBefore(at.minus(BEFORE))
                                    && !created.isAfter(at.plus(AFTER));
                        })
                        .findFirst()
                        .ifPresent(run -> {
                            taken.add(run.id());
                            out.put(delivery.deliveryId(), new Outcome(flow, run.id(), run.status(), run.url()));
                        });
            }
        } catch (RuntimeException unavailable) {
            log.debug("The runs of flow {} could not be read for the delivery log: {}", flow, unavailable.getMessage());
        }
        return out;
    }
}
