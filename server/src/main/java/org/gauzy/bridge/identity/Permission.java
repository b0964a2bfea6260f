package org.gauzy.bridge.identity;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Gauzy's permission names. A role holds a permission when its row for it is enabled. */
public enum Permission {
    ALL_ORG_VIEW,
    ALL_ORG_EDIT,
    ORG_USERS_VIEW,
    ORG_USERS_EDIT,
    CHANGE_ROLES_PERMISSIONS,
    ORG_EMPLOYEES_VIEW,
    ORG_EMPLOYEES_EDIT,
    ORG_PROJECT_VIEW,
    ORG_PROJECT_ADD,
    ORG_PROJECT_EDIT,
    ORG_PROJECT_DELETE,
    ORG_TEAM_VIEW,
    ORG_TEAM_ADD,
    ORG_TEAM_EDIT,
    ORG_TEAM_DELETE,
    ORG_TASK_ADD,
    ORG_TASK_VIEW,
    ORG_TASK_EDIT,
    ORG_TASK_DELETE,
    ORG_TASK_SETTING,
    TIME_TRACKER,
    INTEGRATION_ADD,
    INTEGRATION_VIEW,
    INTEGRATION_EDIT,
    INTEGRATION_DELETE,
    OAUTH_CLIENT_VIEW,
    OAUTH_CLIENT_EDIT;

    /**
     * The OAuth scope family that covers this permission: {@code <family>:read} for reads and
     * {@code <family>:write} for changes. Null: only {@code gauzy:all} covers it.
     */
    @Nullable
    String scopeFamily() {
        return switch (this) {
            case ORG_EMPLOYEES_VIEW, ORG_EMPLOYEES_EDIT -> "employees";
            case ORG_PROJECT_VIEW,
                    ORG_PROJECT_ADD,
                    ORG_PROJECT_EDIT,
                    ORG_PROJECT_DELETE,
                    ORG_TEAM_VIEW,
                    ORG_TEAM_ADD,
                    ORG_TEAM_EDIT,
                    ORG_TEAM_DELETE,
                    ORG_TASK_ADD,
                    ORG_TASK_VIEW,
                    ORG_TASK_EDIT,
                    ORG_TASK_DELETE,
                    ORG_TASK_SETTING -> "tasks";
            case TIME_TRACKER -> "timesheet";
            default -> null;
        };
    }

    /** What each of Gauzy's roles holds in a new tenant; an admin can change it afterwards. */
    static Set<Permission> defaultsFor(RoleName role) {
        return switch (role) {
            case SUPER_ADMIN -> EnumSet.allOf(Permission.class);
            case ADMIN -> EnumSet.complementOf(EnumSet.of(CHANGE_ROLES_PERMISSIONS));
            case MANAGER ->
                EnumSet.of(
                        ORG_USERS_VIEW,
                        ORG_EMPLOYEES_VIEW,
                        ORG_PROJECT_VIEW,
                        ORG_PROJECT_ADD,
                        ORG_PROJECT_EDIT,
                        ORG_TEAM_VIEW,
                        ORG_TEAM_ADD,
                        ORG_TEAM_EDIT,
                        ORG_TASK_ADD,
                        ORG_TASK_VIEW,
                        ORG_TASK_EDIT,
                        ORG_TASK_DELETE,
                        ORG_TASK_SETTING,
                        TIME_TRACKER);
            case DATA_ENTRY ->
                EnumSet.of(
                        ORG_EMPLOYEES_VIEW,
                        ORG_PROJECT_VIEW,
                        ORG_TEAM_VIEW,
                        ORG_TASK_ADD,
                        ORG_TASK_VIEW,
                        ORG_TASK_EDIT,
                        TIME_TRACKER);
            case EMPLOYEE ->
                EnumSet.of(ORG_PROJECT_VIEW, ORG_TEAM_VIEW, ORG_TASK_ADD, ORG_TASK_VIEW, ORG_TASK_EDIT, TIME_TRACKER);
            case VIEWER -> EnumSet.of(ORG_EMPLOYEES_VIEW, ORG_PROJECT_VIEW, ORG_TEAM_VIEW, ORG_TASK_VIEW);
            case CANDIDATE -> EnumSet.noneOf(Permission.class);
        };
    }
}
