package io.sentrycloud.alarm.state;

import java.util.Locale;

/** Where one series of one rule stands. */
public enum AlertState {
    OK, PENDING, FIRING, RESOLVED, NO_DATA, ERROR, FORGOTTEN;

    /** {@code firing}, {@code no data}, ... as messages and the API write it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Whether people should see it among the current alerts. */
    public boolean active() {
        return this == PENDING || this == FIRING || this == NO_DATA || this == ERROR;
    }
}
