package io.sentrycloud.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code storage:} section.
 *
 * @param type      store implementation; only {@code embedded} so far
 * @param dataDir   directory of the embedded store
 * @param keepDays  retention in days
 * @param fsync     {@code batch} or an interval such as {@code 100ms}
 * @param maxSeries most distinct series the store accepts
 */
public record StorageConfig(String type, Path dataDir, int keepDays, String fsync, long maxSeries) {

    private static final Pattern INTERVAL = Pattern.compile("(\\d+)(ms|s)");

    public StorageConfig {
        if (!"embedded".equals(type)) {
            throw new IllegalArgumentException("storage.type must be 'embedded' (the only store so far), got '"
                    + type + "'");
        }
        if (dataDir == null || dataDir.toString().isBlank()) {
            throw new IllegalArgumentException("storage.data_dir must not be empty");
        }
        Check.between("storage.keep_days", keepDays, 1, 36500);
        Check.between("storage.max_series", maxSeries, 1, Integer.MAX_VALUE);
        fsync = Check.notBlank("storage.fsync", fsync).trim().toLowerCase(Locale.ROOT);
        if (!fsync.equals("batch") && fsyncInterval(fsync) == null) {
            throw new IllegalArgumentException("storage.fsync must be 'batch' or an interval such as "
                    + "'100ms' or '1s', got '" + fsync + "'");
        }
    }

    /** The background fsync interval when {@code fsync} is one (e.g. {@code 100ms}), else {@code null}. */
    public Duration fsyncInterval() {
        return fsyncInterval(fsync);
    }

    private static Duration fsyncInterval(String text) {
        Matcher m = INTERVAL.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        Duration d = m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofSeconds(n);
        return d.isZero() || d.compareTo(Duration.ofMinutes(1)) > 0 ? null : d;
    }
}
