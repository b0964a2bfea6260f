package org.gauzy.bridge.workspace;

import java.util.List;
import org.gauzy.bridge.platform.OutboundEvent;
import org.springframework.stereotype.Component;

/** The workspace's event types, for webhook subscriptions to choose from. */
@Component
class WorkspaceEventTypes implements OutboundEvent.Types {

    @Override
    public List<String> types() {
        return WorkspaceEvent.TYPES;
    }
}
