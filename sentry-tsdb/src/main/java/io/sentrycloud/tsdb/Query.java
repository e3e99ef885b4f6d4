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
 */
public record Query(String metric, List<TagFilter> filters, long start, long end, long downsample,
                    Aggregation aggregation, List<String> groupBy) {

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
