package org.gauzy.bridge.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gauzy.bridge.workspace.WorkspaceEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Every workspace event the running service publishes, and whether a transaction was open when it was. */
@Component
public class RecordedEvents {

    public record Recorded(WorkspaceEvent event, boolean insideTransaction) {}

    private final List<Recorded> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(WorkspaceEvent event) {
        events.add(new Recorded(event, TransactionSynchronizationManager.isActualTransactionActive()));
    }

    public List<Recorded> of(String type, Object entityId) {
        return events.stream()
                .filter(r -> r.event().type().equals(type)
                        && r.event().entityId().toString().equals(entityId.toString()))
                .toList();
    }
}
