package org.gauzy.bridge.webhooks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.OutboundEvent;
import org.gauzy.bridge.platform.Page;
import org.gauzy.bridge.platform.Paging;
import org.gauzy.bridge.platform.SecretBox;
import org.gauzy.bridge.platform.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook subscriptions of a tenant: each in one organization the caller belongs to, for events the
 * workspace publishes, with a filter on the event's fields and a Standard Webhooks signing secret.
 */
@Service
class Subscriptions {

    /** Ids, names and statuses fit; every key at this length still fits the stored filter (4,000). */
    static final int MAX_FILTER_VALUE = 255;

    /** The event fields a filter may constrain. */
    static final Set<String> FILTER_KEYS = Set.of(
            "tenantId",
            "organizationId",
            "employeeId",
            "projectId",
            "status",
            "taskStatusId",
            "priority",
            "size",
            "logType",
            "source",
            "userId",
            "isBillable");

    private static final int MAX_EVENTS = 50;

    private final SubscriptionRepository subscriptions;
    private final TargetGuard targets;
    private final SecretBox secretBox;
    private final SecretTokens secrets;
    private final Clock clock;
    /** Every event type some module publishes: what a subscription may name. */
    private final List<String> types;

    Subscriptions(
            SubscriptionRepository subscriptions,
            TargetGuard targets,
            SecretBox secretBox,
            SecretTokens secrets,
            Clock clock,
            List<OutboundEvent.Types> published) {
        this.types =
                published.stream().flatMap(t -> t.types().stream()).distinct().toList();
        this.subscriptions = subscriptions;
        this.targets = targets;
        this.secretBox = secretBox;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Transactional
    WebhookRequests.View create(RequestContext context, WebhookRequests.Save request) {
        UUID tenant = context.tenant();
        UUID organization = context.organization();
        String targetUrl = target(request.targetUrl());
        UUID id = UUID.randomUUID();
        String secret = "whsec_" + Base64.getEncoder().encodeToString(randomBytes());
        OffsetDateTime now = OffsetDateTime.now(clock);
        var subscription = new Subscription(
                id,
                tenant,
                organization,
                name(request.name()),
                targetUrl,
                events(request.events()),
                filter(request.filter(), context),
                request.active() == null || request.active(),
                secretBox.seal(secret, context(id)),
                context.userId(),
                now,
                now,
                null,
                null);
        subscriptions.insert(subscription);
        return WebhookRequests.View.of(subscription, secret);
    }

    @Transactional(readOnly = true)
    Page<WebhookRequests.View> list(RequestContext context, Paging paging) {
        UUID tenant = context.tenant();
        var organizations = context.seesAllOrganizations(false) ? null : context.memberships();
        return new Page<>(
                subscriptions.list(tenant, organizations, paging.skip(), paging.take()).stream()
                        .map(s -> WebhookRequests.View.of(s, null))
                        .toList(),
                subscriptions.count(tenant, organizations));
    }

    @Transactional(readOnly = true)
    WebhookRequests.View get(RequestContext context, UUID id) {
        return WebhookRequests.View.of(existing(context, id), null);
    }

    /** Changes what is sent; turning a subscription back on forgets why it was disabled. */
    @Transactional
    WebhookRequests.View update(RequestContext context, UUID id, WebhookRequests.Save request) {
        var s = existingForChange(context, id);
        boolean active = request.active() != null ? request.active() : s.active();
        boolean reactivated = active && !s.active();
        var updated = new Subscription(
                s.id(),
                s.tenantId(),
                s.organizationId(),
                request.name() != null ? name(request.name()) : s.name(),
                request.targetUrl() != null ? target(request.targetUrl()) : s.targetUrl(),
                request.events() != null ? events(request.events()) : s.events(),
                request.filter() != null ? filter(request.filter(), context) : s.filter(),
                active,
                s.secretSealed(),
                s.createdBy(),
                s.createdAt(),
                OffsetDateTime.now(clock),
                reactivated ? null : s.failingSince(),
                reactivated ? null : s.disabledReason());
        subscriptions.update(updated);
        return WebhookRequests.View.of(updated, null);
    }

    @Transactional
    void delete(RequestContext context, UUID id) {
        subscriptions.delete(context.tenant(), existingForChange(context, id).id());
    }

    /** A subscription of the caller's tenant, in an organization the caller may see: else 404, never 403. */
    Subscription existing(RequestContext context, UUID id) {
        return subscriptions
                .find(context.tenant(), id)
                .filter(s -> context.memberships().contains(s.organizationId()) || context.seesAllOrganizations(false))
                .orElseThrow(() -> new ApiException.NotFound("Webhook subscription", id));
    }

    /**
     * A subscription to change (or replay from): of one of the caller's organizations, or any with ALL_ORG_EDIT;
     * one the caller may only see is a 403.
     */
    Subscription existingForChange(RequestContext context, UUID id) {
        Subscription subscription = existing(context, id);
        if (!context.memberships().contains(subscription.organizationId()) && !context.seesAllOrganizations(true)) {
            throw new ApiException.Forbidden("Webhook subscription " + id + " belongs to another organization, which "
                    + "your role may see but not change (that needs ALL_ORG_EDIT)");
        }
        return subscription;
    }

    /** The signing secret, opened: for the sender only. */
    String secretOf(Subscription subscription) {
        return secretBox.open(subscription.secretSealed(), context(subscription.id()));
    }

    private String target(@Nullable String targetUrl) {
        if (targetUrl == null || targetUrl.isBlank()) {
            throw new ApiException.BadRequest("targetUrl is required: the URL events are sent to");
        }
        targets.refusal(targetUrl).ifPresent(reason -> {
            throw new ApiException.BadRequest(reason);
        });
        return targetUrl.trim();
    }

    private static String name(@Nullable String name) {
        return name == null || name.isBlank() ? "Webhook" : name.trim();
    }

    private List<String> events(@Nullable List<String> events) {
        if (events == null || events.isEmpty() || events.size() > MAX_EVENTS) {
            throw new ApiException.BadRequest("events must list 1 to " + MAX_EVENTS + " of " + types);
        }
        var out = new LinkedHashSet<String>();
        for (String event : events) {
            if (event == null || !types.contains(event)) {
                throw new ApiException.BadRequest("events: unknown event '" + event + "'; valid events are " + types);
            }
            out.add(event);
        }
        return new ArrayList<>(out);
    }

    /**
     * The filter's constraining entries. A null or empty value (the piece's optional fields left blank)
     * constrains nothing; tenantId and organizationId must be the subscription's own.
     */
    private static Map<String, String> filter(@Nullable Map<String, @Nullable Object> filter, RequestContext context) {
        var out = new LinkedHashMap<String, String>();
        if (filter == null) {
            return out;
        }
        for (var entry : filter.entrySet()) {
            if (!FILTER_KEYS.contains(entry.getKey())) {
                throw new ApiException.BadRequest("filter: unknown key '" + entry.getKey() + "'; filter on "
                        + FILTER_KEYS.stream().sorted().toList());
            }
            Object value = entry.getValue();
            if (value == null || value.toString().isBlank()) {
                continue;
            }
            if (value instanceof Map || value instanceof List) {
                throw new ApiException.BadRequest("filter." + entry.getKey() + " must be a single value");
            }
            if (value.toString().trim().length() > MAX_FILTER_VALUE) {
                throw new ApiException.BadRequest(
                        "filter." + entry.getKey() + " must be at most " + MAX_FILTER_VALUE + " characters");
            }
            out.put(entry.getKey(), value.toString().trim());
        }
        if (out.containsKey("tenantId") && !out.get("tenantId").equalsIgnoreCase(String.valueOf(context.tenantId()))) {
            throw new ApiException.Forbidden("filter.tenantId names a tenant other than yours");
        }
        if (out.containsKey("organizationId")
                && !out.get("organizationId").equalsIgnoreCase(String.valueOf(context.organizationId()))) {
            throw new ApiException.BadRequest("filter.organizationId must be the subscription's organization");
        }
        return out;
    }

    private byte[] randomBytes() {
        return Base64.getUrlDecoder().decode(secrets.generate("", 32));
    }

    private static String context(UUID subscription) {
        return "webhook_subscription:" + subscription + ":secret";
    }
}
