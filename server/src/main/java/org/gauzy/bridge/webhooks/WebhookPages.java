package org.gauzy.bridge.webhooks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresPermission;
import org.gauzy.bridge.pages.PageController;
import org.gauzy.bridge.pages.Pages;
import org.gauzy.bridge.platform.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Settings → Webhooks: the tenant's subscriptions (made by the piece's triggers) with their events,
 * filter, target and state; per subscription the delivery log, replaying a delivery and turning a
 * disabled subscription back on.
 */
@PageController
class WebhookPages {

    static final String BASE = Pages.BASE + "/settings/webhooks";
    private static final int PAGE_SIZE = 20;
    private static final Map<String, String> NOTICES = Map.of(
            "replayed", "The delivery is queued and goes out now.",
            "enabled", "The subscription is active again; new events reach it.",
            "disabled", "The subscription is paused: events are no longer sent to it.");
    private static final List<String> STATUSES =
            List.of(DeliveryRepository.PENDING, DeliveryRepository.DELIVERED, DeliveryRepository.DEAD);

    private final Subscriptions subscriptions;
    private final DeliveryLog deliveries;

    WebhookPages(Subscriptions subscriptions, DeliveryLog deliveries) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
    }

    @RequiresPermission(value = Permission.INTEGRATION_EDIT, organization = OrganizationFrom.REQUEST)
    @GetMapping(BASE)
    ModelAndView list(RequestContext context, @RequestParam(required = false) @Nullable String skip) {
        Paging paging = Paging.parse(skip, Integer.toString(PAGE_SIZE));
        var page = subscriptions.list(context, paging);
        return Pages.view(
                "webhooks/subscriptions",
                HttpStatus.OK,
                Map.of(
                        "subscriptions",
                        page.items(),
                        "offsets",
                        new Pages.Offsets(paging.skip(), PAGE_SIZE, page.total())));
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            organization = OrganizationFrom.PATH,
            record = "subscription")
    @GetMapping(BASE + "/{id}")
    ModelAndView subscription(
            RequestContext context,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String skip,
            @RequestParam(required = false) @Nullable String notice) {
        String shown = status != null && STATUSES.contains(status) ? status : null;
        Paging paging = Paging.parse(skip, Integer.toString(PAGE_SIZE));
        var log = deliveries.list(context, id, shown, paging);
        var model = new HashMap<String, Object>();
        model.put("subscription", subscriptions.get(context, id));
        model.put("deliveries", log.items());
        model.put("offsets", new Pages.Offsets(paging.skip(), PAGE_SIZE, log.total()));
        model.put("statuses", STATUSES);
        Pages.putIfPresent(model, "status", shown);
        Pages.putIfPresent(model, "notice", Pages.notice(NOTICES, notice));
        return Pages.view("webhooks/subscription", HttpStatus.OK, model);
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            organization = OrganizationFrom.PATH,
            record = "subscription")
    @PostMapping(BASE + "/{id}/deliveries/{deliveryId}/replay")
    ModelAndView replay(RequestContext context, @PathVariable UUID id, @PathVariable UUID deliveryId) {
        deliveries.replay(context, id, deliveryId);
        return Pages.seeOther(BASE + "/" + id, Map.of("notice", "replayed"));
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            organization = OrganizationFrom.PATH,
            record = "subscription")
    @PostMapping(BASE + "/{id}/active")
    ModelAndView active(RequestContext context, @PathVariable UUID id, @RequestParam boolean active) {
        subscriptions.update(context, id, new WebhookRequests.Save(null, null, null, null, active));
        return Pages.seeOther(BASE + "/" + id, Map.of("notice", active ? "enabled" : "disabled"));
    }
}
