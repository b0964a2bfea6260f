package org.gauzy.bridge.workspace;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Projects and teams of the organization the request acts in; project changes are published as events. */
@Service
class Groups {

    private final GroupRepository groups;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Groups(GroupRepository groups, ApplicationEventPublisher events, Clock clock) {
        this.groups = groups;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<GroupView> list(GroupKind kind, RequestContext context) {
        return groups.list(kind, context.tenant(), context.organization());
    }

    @Transactional
    GroupView create(GroupKind kind, RequestContext context, String name, @Nullable String description) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        var group = new GroupView(
                UUID.randomUUID(), context.tenant(), context.organization(), name.trim(), description, now, now);
        groups.insert(kind, group);
        publish(kind, "created", group);
        return group;
    }

    @Transactional
    GroupView update(
            GroupKind kind, RequestContext context, UUID id, @Nullable String name, @Nullable String description) {
        var g = find(kind, context, id);
        var updated = new GroupView(
                g.id(),
                g.tenantId(),
                g.organizationId(),
                name == null ? g.name() : name.trim(),
                description == null ? g.description() : description,
                g.createdAt(),
                OffsetDateTime.now(clock));
        groups.update(kind, updated);
        publish(kind, "updated", updated);
        return updated;
    }

    @Transactional
    void delete(GroupKind kind, RequestContext context, UUID id) {
        groups.delete(kind, context.tenant(), find(kind, context, id).id());
    }

    GroupView find(GroupKind kind, RequestContext context, UUID id) {
        var group = groups.find(kind, context.tenant(), id).orElseThrow(() -> new ApiException.NotFound(kind.path, id));
        Scopes.requireEditable(context, group.organizationId(), kind.path, id);
        return group;
    }

    private void publish(GroupKind kind, String change, GroupView group) {
        if (kind.event != null) {
            events.publishEvent(new WorkspaceEvent(
                    kind.event + "." + change,
                    group.tenantId(),
                    group.organizationId(),
                    group.id(),
                    group,
                    clock.instant()));
        }
    }
}
