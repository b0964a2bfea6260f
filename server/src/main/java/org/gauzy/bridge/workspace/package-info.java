/**
 * The business API the {@code ever-gauzy} piece calls: projects, teams, task statuses, priorities and
 * sizes, tasks, employees, the timer and time logs. Each change publishes a {@link WorkspaceEvent}.
 */
@NullMarked
@ApplicationModule(
        displayName = "Workspace",
        allowedDependencies = {"platform", "identity"})
package org.gauzy.bridge.workspace;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
