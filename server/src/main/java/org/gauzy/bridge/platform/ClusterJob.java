package org.gauzy.bridge.platform;

import java.time.Duration;

/**
 * Work that must run once per interval for the whole cluster, whichever node does it: a purge. A module
 * provides it as a bean; {@link ClusterJobs} runs it.
 */
public interface ClusterJob {

    /** Unique among jobs: the row that says when it last ran. */
    String name();

    /** How often the cluster runs it. */
    Duration every();

    void run();
}
