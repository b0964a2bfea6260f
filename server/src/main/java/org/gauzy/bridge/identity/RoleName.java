package org.gauzy.bridge.identity;

/** Gauzy's role names; every tenant gets one role of each. */
public enum RoleName {
    SUPER_ADMIN,
    ADMIN,
    DATA_ENTRY,
    EMPLOYEE,
    CANDIDATE,
    MANAGER,
    VIEWER
}
