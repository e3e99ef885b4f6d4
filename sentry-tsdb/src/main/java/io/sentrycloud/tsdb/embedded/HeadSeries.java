package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.SeriesKey;

import java.util.Arrays;

/**
 * One series in memory: its id, its key and its points sorted by time in two growable primitive arrays (no
 * boxing). A point whose timestamp is already present replaces the old value (last write wins).
 *
 * <p>Thread-safe: writers and readers synchronize on the series itself, so a query never sees a half-moved array.
 */
final class HeadSeries {

    private static final long[] NO_TIMESTAMPS = new long[0];
    private static final double[] NO_VALUES = new double[0];
    /** Object headers, fields and array headers of one series, measured roughly; used for the memory estimate. */
    static final int OVERHEAD_BYTES = 112;

    final int id;
    final SeriesKey key;
    private long[] timestamps = NO_TIMESTAMPS;
    private double[] values = NO_VALUES;
    private int size;

    HeadSeries(int id, SeriesKey key) {
        this.id = id;
        this.key = key;
    }

    /** Adds or replaces a point; returns whether the series has one point more. */
    synchronized boolean add(long timestamp, double value) {
        if (size == 0 || timestamp > timestamps[size - 1]) {
            grow();
            timestamps[size] = timestamp;
            values[size] = value;
            size++;
            return true;
        }
        int at = Arrays.binarySearch(timestamps, 0, size, timestamp);
        if (at >= 0) {
            values[at] = value;
            return false;
        }
        int insert = -at - 1;
        grow();
        System.arraycopy(timestamps, insert, timestamps, insert + 1, size - insert);
        System.arraycopy(values, insert, values, insert + 1, size - insert);
        timestamps[insert] = timestamp;
        values[insert] = value;
        size++;
        return true;
    }

    /** Points with {@code start <= timestamp <= end}. */
    synchronized int countInRange(long start, long end) {
        return upperBound(end) - lowerBound(start);
    }

    /** The points in {@code [start, end]} reduced to per-bucket partials. */
    synchronized Buckets buckets(long start, long end, long downsample) {
        return Buckets.of(timestamps, values, lowerBound(start), upperBound(end), downsample);
    }

    /** Drops points older than {@code cutoff}; returns how many. */
    synchronized int dropBefore(long cutoff) {
        int n = lowerBound(cutoff);
        if (n > 0) {
            System.arraycopy(timestamps, n, timestamps, 0, size - n);
            System.arraycopy(values, n, values, 0, size - n);
            size -= n;
            if (size < timestamps.length / 4) {
                timestamps = Arrays.copyOf(timestamps, size);
                values = Arrays.copyOf(values, size);
            }
        }
        return n;
    }

    synchronized int size() {
        return size;
    }

    synchronized long memoryBytes() {
        return OVERHEAD_BYTES + 16L * timestamps.length;
    }

    private void grow() {
        if (size == timestamps.length) {
            // 1.5x growth keeps the slack (and so the heap per series) moderate
            int capacity = Math.max(8, size + (size >> 1));
            timestamps = Arrays.copyOf(timestamps, capacity);
            values = Arrays.copyOf(values, capacity);
        }
    }

    /** First index whose timestamp is {@code >= t}. */
    private int lowerBound(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timestamps[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index whose timestamp is {@code > t}. */
    private int upperBound(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timestamps[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
