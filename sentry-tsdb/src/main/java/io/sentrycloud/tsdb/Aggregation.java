package io.sentrycloud.tsdb;

import java.util.Locale;

/**
 * How the points that fall into one downsample bucket (across every series of a group) become one value.
 */
public enum Aggregation {
    SUM, AVG, MAX, MIN, COUNT, LAST;

    /** Parses {@code sum}, {@code avg}, ... case-insensitively; a clear message names the accepted values. */
    public static Aggregation parse(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("aggregation is missing; use one of sum, avg, max, min, count, last");
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown aggregation '" + name + "'; use one of sum, avg, max, min, count, last");
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
