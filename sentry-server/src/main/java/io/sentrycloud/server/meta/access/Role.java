package io.sentrycloud.server.meta.access;

import java.util.Locale;

/** What a user may do; each role may do everything the roles before it may. */
public enum Role {
    /** Reads dashboards, charts, rules, contacts and silences. */
    VIEWER,
    /** Also changes them. */
    EDITOR,
    /** Also manages users and API tokens. */
    ADMIN;

    /** Whether this role may do what {@code needed} may. */
    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The name stored and sent: {@code viewer}, {@code editor}, {@code admin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but viewer, editor, admin */
    public static Role of(String id) {
        for (Role r : values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be viewer, editor or admin, got '" + id + "'");
    }
}
