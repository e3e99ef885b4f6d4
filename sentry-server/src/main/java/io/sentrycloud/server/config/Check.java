package io.sentrycloud.server.config;

/** Range checks for config records; each failure names the key so the loader can say where the value came from. */
final class Check {

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
}
