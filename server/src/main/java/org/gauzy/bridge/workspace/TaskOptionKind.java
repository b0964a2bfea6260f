package org.gauzy.bridge.workspace;

import java.util.List;
import java.util.Locale;

/** The three kinds of task option, their Gauzy paths, and what every new organization starts with. */
enum TaskOptionKind {
    STATUS(
            "task-status",
            "taskStatus",
            List.of("Backlog", "Open", "In Progress", "Ready for Review", "In Review", "Blocked", "Done", "Completed")),
    PRIORITY("task-priority", "taskPriority", List.of("Urgent", "High", "Medium", "Low")),
    SIZE("task-size", "taskSize", List.of("X-Large", "Large", "Medium", "Small", "Tiny"));

    final String path;
    final String relation;
    final List<String> defaults;

    TaskOptionKind(String path, String relation, List<String> defaults) {
        this.path = path;
        this.relation = relation;
        this.defaults = defaults;
    }

    /** Gauzy's value of a name: lower case, words joined by hyphens ("In Progress" → "in-progress"). */
    static String slug(String name) {
        return name.trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }
}
