package org.gauzy.bridge.webhooks;

import jakarta.validation.Valid;
import java.util.UUID;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresPermission;
import org.gauzy.bridge.platform.Page;
import org.gauzy.bridge.platform.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

/**
 * The subscriptions the ever-gauzy piece's triggers make ({@code POST} on enable, {@code DELETE} on
 * disable), and their delivery log. A sign-in needs INTEGRATION_EDIT; an OAuth token also needs
 * {@code webhooks:write} (or {@code gauzy:all}).
 */
@RestController
@RequestMapping("/api/integration/activepieces/webhooks")
class WebhookController {

    private final Subscriptions subscriptions;
    private final DeliveryLog deliveryLog;

    WebhookController(Subscriptions subscriptions, DeliveryLog deliveryLog) {
        this.subscriptions = subscriptions;
        this.deliveryLog = deliveryLog;
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            scope = "webhooks",
            organization = OrganizationFrom.REQUEST)
    @PostMapping
    ResponseEntity<WebhookRequests.View> create(RequestContext context, @Valid @RequestBody WebhookRequests.Save body) {
        // The answer carries the signing secret, once.
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(subscriptions.create(context, body));
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            scope = "webhooks",
            organization = OrganizationFrom.REQUEST)
    @GetMapping
    Page<WebhookRequests.View> list(
            RequestContext context,
            @RequestParam(required = false) @Nullable String skip,
            @RequestParam(required = false) @Nullable String take) {
        return subscriptions.list(context, Paging.parse(skip, take));
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            scope = "webhooks",
            organization = OrganizationFrom.PATH,
            record = "subscription")
    @GetMapping("/{id}")
    WebhookRequests.View get(RequestContext context, @PathVariable UUID id) {
        return subscriptions.get(context, id);
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            scope = "webhooks",
            organization = OrganizationFrom.PATH,
            record = "subscription")
    @PutMapping("/{id}")
    WebhookRequests.View update(
            RequestContext context, @PathVariable UUID id, @Valid @RequestBody WebhookRequests.Save body) {
        return subscriptions.update(context, id, body);
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            scope = "webhooks",
            organization = OrganizationFrom.PATH,
            record = "subscription")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(RequestContext context, @PathVariable UUID id) {
        subscriptions.delete(context, id);
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            scope = "webhooks",
            organization = OrganizationFrom.PATH,
            record = "subscription")
    @GetMapping("/{id}/deliveries")
    Page<DeliveryLog.DeliveryView> deliveries(
            RequestContext context,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String skip,
            @RequestParam(required = false) @Nullable String take) {
        return deliveryLog.list(context, id, status, Paging.parse(skip, take));
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_EDIT,
            scope = "webhooks",
            organization = OrganizationFrom.PATH,
            record = "subscription")
    @PostMapping("/{id}/deliveries/{deliveryId}/replay")
    ResponseEntity<DeliveryLog.DeliveryView> replay(
            RequestContext context, @PathVariable UUID id, @PathVariable UUID deliveryId) {
        return ResponseEntity.accepted().body(deliveryLog.replay(context, id, deliveryId));
    }
}
