package io.sentrycloud.tsdb.embedded;

import java.util.Locale;

/**
 * When the write-ahead log forces its bytes to the disk.
 *
 * <p>With {@link #everyBatch()} a write returns only after its batch is fsync'ed (concurrent writers share one
 * fsync). With {@link #everyMillis(long)} a write returns once its batch is handed to the operating system, so it
 * survives the death of the process but a power loss may take the last {@code intervalMillis} of writes.
 *
 * @param intervalMillis 0 for every batch, otherwise the period of the background fsync
 */
public record FsyncPolicy(long intervalMillis) {

    public FsyncPolicy {
        if (intervalMillis < 0) {
            throw new IllegalArgumentException("fsync interval must not be negative: " + intervalMillis);
        }
    }

    /** Fsync before every write returns. */
    public static FsyncPolicy everyBatch() {
        return new FsyncPolicy(0);
    }

    /** Fsync in the background every {@code millis} milliseconds. */
    public static FsyncPolicy everyMillis(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("fsync interval must be positive: " + millis);
        }
        return new FsyncPolicy(millis);
    }

    /** Parses {@code batch} or a period such as {@code 100ms}, {@code 1s} (a bare number is milliseconds). */
    public static FsyncPolicy parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("fsync policy is empty; use 'batch' or a period such as '100ms'");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("batch")) {
            return everyBatch();
        }
        try {
            if (t.endsWith("ms")) {
                return everyMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return everyMillis(Math.multiplyExact(Long.parseLong(t.substring(0, t.length() - 1)), 1000L));
            }
            return everyMillis(Long.parseLong(t));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "bad fsync policy '" + text + "'; use 'batch' or a period such as '100ms' or '1s'");
        }
    }

    public boolean isEveryBatch() {
        return intervalMillis == 0;
    }
}
