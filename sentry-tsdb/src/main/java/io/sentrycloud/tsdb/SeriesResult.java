package io.sentrycloud.tsdb;

import java.util.List;
import java.util.Map;

/**
 * One line of a query answer: the metric, the group's tag values (the {@code groupBy} keys only), and its
 * points in ascending time order.
 */
public record SeriesResult(String metric, Map<String, String> tags, List<DataPoint> points) {

    public SeriesResult {
        tags = Map.copyOf(tags);
        points = List.copyOf(points);
    }
}
