package io.sentrycloud.alarm.rule;

import java.util.Locale;

/** How urgent an alert is; the original's {@code level} column (0 info, 1 warn, 2 error). */
public enum Severity {
    INFO, WARNING, CRITICAL;

    /** The severity of a {@code level} column value. */
    public static Severity ofLevel(int level) {
        return switch (level) {
            case 0 -> INFO;
            case 1 -> WARNING;
            case 2 -> CRITICAL;
            default -> throw new InvalidRuleException("level " + level + " is unknown; use 0 info, 1 warn or 2 error");
        };
    }

    public int level() {
        return ordinal();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
