package io.sentrycloud.agent.config;

import java.util.regex.Pattern;

/** Range checks for config records; each failure names the key so the loader can say where the value came from. */
final class Check {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z_0-9]*");

    private Check() {
    }

    static long between(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    static String notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
        return value;
    }

    static String name(String key, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(key + " must match [a-zA-Z_][a-zA-Z_0-9]*, got '" + value + "'");
        }
        return value;
    }
}
