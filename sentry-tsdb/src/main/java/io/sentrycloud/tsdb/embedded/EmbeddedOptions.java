package io.sentrycloud.tsdb.embedded;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How an {@link EmbeddedStore} is opened. Start from {@link #defaults(Path)} and change what you need with the
 * {@code with...} methods.
 *
 * @param dataDir            the directory that holds everything (created when missing)
 * @param fsync              when the write-ahead log is forced to disk
 * @param maxActiveSeries    series the store accepts; a write that would add more is refused
 * @param maxSeriesPerQuery  series one query may touch
 * @param maxPointsPerQuery  raw points one query may read
 * @param keepDays           retention: points older than this many days are dropped
 * @param walSegmentBytes    size after which the write-ahead log starts a new segment file
 * @param clock              the time source for retention (tests use a fixed clock)
 */
public record EmbeddedOptions(Path dataDir, FsyncPolicy fsync, int maxActiveSeries, int maxSeriesPerQuery,
                              long maxPointsPerQuery, int keepDays, long walSegmentBytes, Clock clock) {

    public static final int DEFAULT_MAX_ACTIVE_SERIES = 1_000_000;
    public static final int DEFAULT_MAX_SERIES_PER_QUERY = 100_000;
    public static final long DEFAULT_MAX_POINTS_PER_QUERY = 100_000_000L;
    /** As the original sentry's {@code KEEP 60}. */
    public static final int DEFAULT_KEEP_DAYS = 60;
    public static final long DEFAULT_WAL_SEGMENT_BYTES = 64L << 20;

    public EmbeddedOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(clock, "clock");
        requirePositive("maxActiveSeries", maxActiveSeries);
        requirePositive("maxSeriesPerQuery", maxSeriesPerQuery);
        requirePositive("maxPointsPerQuery", maxPointsPerQuery);
        requirePositive("keepDays", keepDays);
        if (walSegmentBytes < 4096) {
            throw new IllegalArgumentException("walSegmentBytes must be at least 4096: " + walSegmentBytes);
        }
    }

    /** Fsync every batch, the default limits, 60 days of retention. */
    public static EmbeddedOptions defaults(Path dataDir) {
        return new EmbeddedOptions(dataDir, FsyncPolicy.everyBatch(), DEFAULT_MAX_ACTIVE_SERIES,
                DEFAULT_MAX_SERIES_PER_QUERY, DEFAULT_MAX_POINTS_PER_QUERY, DEFAULT_KEEP_DAYS,
                DEFAULT_WAL_SEGMENT_BYTES, Clock.systemUTC());
    }

    public EmbeddedOptions withFsync(FsyncPolicy policy) {
        return new EmbeddedOptions(dataDir, policy, maxActiveSeries, maxSeriesPerQuery, maxPointsPerQuery,
                keepDays, walSegmentBytes, clock);
    }

    public EmbeddedOptions withMaxActiveSeries(int max) {
        return new EmbeddedOptions(dataDir, fsync, max, maxSeriesPerQuery, maxPointsPerQuery, keepDays,
                walSegmentBytes, clock);
    }

    public EmbeddedOptions withQueryLimits(int maxSeries, long maxPoints) {
        return new EmbeddedOptions(dataDir, fsync, maxActiveSeries, maxSeries, maxPoints, keepDays,
                walSegmentBytes, clock);
    }

    public EmbeddedOptions withKeepDays(int days) {
        return new EmbeddedOptions(dataDir, fsync, maxActiveSeries, maxSeriesPerQuery, maxPointsPerQuery, days,
                walSegmentBytes, clock);
    }

    public EmbeddedOptions withWalSegmentBytes(long bytes) {
        return new EmbeddedOptions(dataDir, fsync, maxActiveSeries, maxSeriesPerQuery, maxPointsPerQuery,
                keepDays, bytes, clock);
    }

    public EmbeddedOptions withClock(Clock newClock) {
        return new EmbeddedOptions(dataDir, fsync, maxActiveSeries, maxSeriesPerQuery, maxPointsPerQuery,
                keepDays, walSegmentBytes, newClock);
    }

    /** Retention in milliseconds. */
    public long keepMillis() {
        return keepDays * 86_400_000L;
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
