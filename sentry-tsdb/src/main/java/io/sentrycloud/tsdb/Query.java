package io.sentrycloud.tsdb;

import java.util.List;
import java.util.Objects;

/**
 * A range query over one metric.
 *
 * <p>Semantics (those of the original sentry on TDengine): the series of {@code metric} that pass every filter are
 * split into groups by the values of the {@code groupBy} tags (one group when empty); for each group, every raw
 * point with {@code start <= timestamp <= end} falls into the bucket {@code timestamp - floorMod(timestamp,
 * downsample)}, and each bucket's points — across all the group's series — are reduced with {@code aggregation}.
 * A {@code downsample} of 0 means one bucket per distinct timestamp.
 *
 * @param metric       the metric name
 * @param filters      conditions on tags, all of which must hold
 * @param start        inclusive start, epoch milliseconds
 * @param end          inclusive end, epoch milliseconds
 * @param downsample   bucket width in milliseconds, 0 for raw timestamps
 * @param aggregation  how a bucket's points become one value
 * @param groupBy      tag keys whose values split the result into series
 * @param rate         whether each series is first turned into its per-second rate of increase (for counters):
 *                     a point at {@code t} becomes {@code (v - v_prev) / (t - t_prev)} in units per second, a
 *                     decrease counts as a counter reset (the rate is {@code v / (t - t_prev)}), and the first
 *                     point of a series in the range has no rate; the aggregation then reduces the rates
 */
public record Query(String metric, List<TagFilter> filters, long start, long end, long downsample,
                    Aggregation aggregation, List<String> groupBy, boolean rate) {

    public Query {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(aggregation, "aggregation");
        filters = List.copyOf(filters);
        groupBy = List.copyOf(groupBy);
        if (end < start) {
            throw new IllegalArgumentException("query end " + end + " is before its start " + start);
        }
        if (downsample < 0) {
            throw new IllegalArgumentException("downsample must not be negative: " + downsample);
        }
    }

    /** A query of the series' values themselves (no rate). */
    public Query(String metric, List<TagFilter> filters, long start, long end, long downsample,
                 Aggregation aggregation, List<String> groupBy) {
        this(metric, filters, start, end, downsample, aggregation, groupBy, false);
    }

    /** This query over per-second rates of increase instead of raw values. */
    public Query withRate() {
        return new Query(metric, filters, start, end, downsample, aggregation, groupBy, true);
    }

    /**
     * Turns sorted points {@code [0, n)} in place into their per-second rates (see {@code rate}); returns how
     * many remain ({@code n - 1}, or 0).
     */
    public static int toRates(long[] timestamps, double[] values, int n) {
        if (n == 0) {
            return 0;
        }
        long prevT = timestamps[0];
        double prevV = values[0];
        for (int i = 1; i < n; i++) {
            long t = timestamps[i];
            double v = values[i];
            double increase = v >= prevV ? v - prevV : v;
            timestamps[i - 1] = t;
            values[i - 1] = increase * 1000.0 / (t - prevT);
            prevT = t;
            prevV = v;
        }
        return n - 1;
    }

    /** Whether a series of this query's metric passes every filter. */
    public boolean matches(SeriesKey series) {
        if (!series.metric().equals(metric)) {
            return false;
        }
        for (TagFilter f : filters) {
            if (!f.matches(series)) {
                return false;
            }
        }
        return true;
    }

    /** The bucket a timestamp falls into under this query's downsample. */
    public long bucketOf(long timestamp) {
        return downsample == 0 ? timestamp : timestamp - Math.floorMod(timestamp, downsample);
    }
}
