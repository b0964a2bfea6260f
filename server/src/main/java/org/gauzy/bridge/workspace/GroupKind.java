package org.gauzy.bridge.workspace;

import org.jspecify.annotations.Nullable;

/** Projects and teams: named groups of an organization, one shape, each in its own table. */
enum GroupKind {
    PROJECT("organization_project", "organization-project", "project"),
    TEAM("organization_team", "organization-team", null);

    /** A constant, never user input: safe to put in SQL. */
    final String table;

    final String path;
    /** The event prefix ({@code project.created}), when changes are published. */
    final @Nullable String event;

    GroupKind(String table, String path, @Nullable String event) {
        this.table = table;
        this.path = path;
        this.event = event;
    }
}
