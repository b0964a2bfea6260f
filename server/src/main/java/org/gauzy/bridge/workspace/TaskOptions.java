package org.gauzy.bridge.workspace;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.gauzy.bridge.identity.OrganizationCreated;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Task statuses, priorities and sizes of an organization. Every organization starts with Gauzy's
 * defaults: added in the transaction that creates it, and on start for organizations created before.
 */
@Service
class TaskOptions implements ApplicationRunner {

    private final TaskOptionRepository options;
    private final Clock clock;

    TaskOptions(TaskOptionRepository options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    @EventListener
    void organizationCreated(OrganizationCreated event) {
        addDefaults(event.tenantId(), event.organizationId());
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        for (TaskOptionKind kind : TaskOptionKind.values()) {
            options.organizationsWithout(kind).forEach(scope -> addDefaults(scope[0], scope[1]));
        }
    }

    private void addDefaults(UUID tenant, UUID organization) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (TaskOptionKind kind : TaskOptionKind.values()) {
            for (int i = 0; i < kind.defaults.size(); i++) {
                String name = kind.defaults.get(i);
                options.insertIfAbsent(
                        kind,
                        new TaskOptionView(
                                UUID.randomUUID(),
                                tenant,
                                organization,
                                name,
                                TaskOptionKind.slug(name),
                                null,
                                null,
                                i + 1,
                                true,
                                now,
                                now));
            }
        }
    }

    @Transactional(readOnly = true)
    List<TaskOptionView> list(TaskOptionKind kind, RequestContext context) {
        return options.list(kind, context.tenant(), context.organization());
    }

    @Transactional
    TaskOptionView create(
            TaskOptionKind kind,
            RequestContext context,
            String name,
            @Nullable String description,
            @Nullable String color,
            @Nullable Integer order) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        var option = new TaskOptionView(
                UUID.randomUUID(),
                context.tenant(),
                context.organization(),
                name.trim(),
                TaskOptionKind.slug(name),
                description,
                color,
                order == null ? 100 : order,
                false,
                now,
                now);
        if (option.value().isEmpty() || !options.insertIfAbsent(kind, option)) {
            throw new ApiException.Conflict(
                    "This organization already has a " + kind.path.substring(5) + " named '" + name.trim() + "'");
        }
        return option;
    }

    @Transactional
    TaskOptionView update(
            TaskOptionKind kind,
            RequestContext context,
            UUID id,
            @Nullable String name,
            @Nullable String description,
            @Nullable String color,
            @Nullable Integer order) {
        var o = find(kind, context, id);
        var updated = new TaskOptionView(
                o.id(),
                o.tenantId(),
                o.organizationId(),
                name == null ? o.name() : name.trim(),
                name == null ? o.value() : TaskOptionKind.slug(name),
                description == null ? o.description() : description,
                color == null ? o.color() : color,
                order == null ? o.order() : order,
                o.isSystem(),
                o.createdAt(),
                OffsetDateTime.now(clock));
        try {
            options.update(updated);
        } catch (DuplicateKeyException taken) {
            throw new ApiException.Conflict("This organization already has one named '" + updated.name() + "'");
        }
        return updated;
    }

    @Transactional
    void delete(TaskOptionKind kind, RequestContext context, UUID id) {
        options.delete(context.tenant(), find(kind, context, id).id());
    }

    /** An option of the caller's tenant and of an organization the caller may see. */
    TaskOptionView find(TaskOptionKind kind, RequestContext context, UUID id) {
        var option =
                options.find(kind, context.tenant(), id).orElseThrow(() -> new ApiException.NotFound(kind.path, id));
        Scopes.requireEditable(context, option.organizationId(), kind.path, id);
        return option;
    }
}
