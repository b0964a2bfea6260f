package org.gauzy.bridge.oauth;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

/** The scopes a client may be allowed and a user may grant, with the words the consent page shows. */
public enum OAuthScope {
    ALL("gauzy:all", "Everything you can do in Gauzy"),
    EMPLOYEES_READ("employees:read", "See employees"),
    EMPLOYEES_WRITE("employees:write", "Add, change and remove employees"),
    TASKS_READ("tasks:read", "See tasks"),
    TASKS_WRITE("tasks:write", "Create, change and delete tasks"),
    TIMESHEET_READ("timesheet:read", "See timers and time logs"),
    TIMESHEET_WRITE("timesheet:write", "Start and stop timers"),
    WEBHOOKS_WRITE("webhooks:write", "Subscribe to events (webhooks)");

    private final String value;
    private final String description;

    OAuthScope(String value, String description) {
        this.value = value;
        this.description = description;
    }

    public String value() {
        return value;
    }

    public String description() {
        return description;
    }

    public static Optional<OAuthScope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    /** A scope set in its one stored form: sorted, space-separated. */
    public static String normalize(Collection<String> scopes) {
        return String.join(" ", new TreeSet<>(scopes));
    }
}
