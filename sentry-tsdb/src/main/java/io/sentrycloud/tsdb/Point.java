package io.sentrycloud.tsdb;

import java.util.Map;
import java.util.Objects;

/**
 * One incoming sample: the series it belongs to and its data point.
 *
 * @param series    metric plus tags
 * @param timestamp epoch milliseconds
 * @param value     the sample; finite values only reach a store (callers reject NaN and infinities)
 */
public record Point(SeriesKey series, long timestamp, double value) {

    public Point {
        Objects.requireNonNull(series, "series");
    }

    /** Convenience for callers that hold a metric and a tag map. */
    public static Point of(String metric, Map<String, String> tags, long timestamp, double value) {
        return new Point(SeriesKey.of(metric, tags), timestamp, value);
    }
}
