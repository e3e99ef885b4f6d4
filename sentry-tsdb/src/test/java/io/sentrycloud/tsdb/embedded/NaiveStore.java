package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.DataPoint;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.SeriesResult;
import io.sentrycloud.tsdb.TagFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The query semantics of {@link Query} written the obvious, slow way, as the reference the engine is compared
 * with: every point of every matching series goes into its group's bucket list, then each list is reduced.
 */
final class NaiveStore {

    private final TreeMap<SeriesKey, TreeMap<Long, Double>> data = new TreeMap<>();

    void write(List<Point> points) {
        for (Point p : points) {
            data.computeIfAbsent(p.series(), k -> new TreeMap<>()).put(p.timestamp(), p.value());
        }
    }

    List<SeriesResult> query(Query q) {
        // group key -> bucket -> points as {timestamp, value} in series key order
        TreeMap<SeriesKey, TreeMap<Long, List<double[]>>> groups = new TreeMap<>();
        data.forEach((key, points) -> {
            if (!q.matches(key)) {
                return;
            }
            TreeMap<String, String> groupTags = new TreeMap<>();
            for (String g : q.groupBy()) {
                if (key.tag(g) != null) {
                    groupTags.put(g, key.tag(g));
                }
            }
            var inRange = points.subMap(q.start(), true, q.end(), true);
            if (q.rate()) {
                // per-second increase since the previous point in range; a decrease is a counter reset
                TreeMap<Long, Double> rates = new TreeMap<>();
                Map.Entry<Long, Double> prev = null;
                for (var e : inRange.entrySet()) {
                    if (prev != null) {
                        double increase = e.getValue() >= prev.getValue() ? e.getValue() - prev.getValue()
                                : e.getValue();
                        rates.put(e.getKey(), increase * 1000.0 / (e.getKey() - prev.getKey()));
                    }
                    prev = e;
                }
                inRange = rates;
            }
            inRange.forEach((ts, v) ->
                    groups.computeIfAbsent(new SeriesKey(q.metric(), groupTags), k -> new TreeMap<>())
                            .computeIfAbsent(q.bucketOf(ts), k -> new ArrayList<>()).add(new double[] {ts, v}));
        });
        List<SeriesResult> out = new ArrayList<>();
        groups.forEach((group, buckets) -> {
            List<DataPoint> points = new ArrayList<>();
            buckets.forEach((bucket, list) -> points.add(new DataPoint(bucket, reduce(q, list))));
            out.add(new SeriesResult(q.metric(), group.tags(), points));
        });
        return out;
    }

    private static double reduce(Query q, List<double[]> list) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double lastTs = Double.NEGATIVE_INFINITY;
        double last = Double.NaN;
        for (double[] p : list) {
            sum += p[1];
            min = Math.min(min, p[1]);
            max = Math.max(max, p[1]);
            if (p[0] >= lastTs) {
                lastTs = p[0];
                last = p[1];
            }
        }
        return switch (q.aggregation()) {
            case SUM -> sum;
            case AVG -> sum / list.size();
            case MAX -> max;
            case MIN -> min;
            case COUNT -> list.size();
            case LAST -> last;
        };
    }

    List<String> metrics(String prefix, int limit) {
        return data.keySet().stream().map(SeriesKey::metric).distinct().filter(m -> m.startsWith(prefix)).sorted()
                .limit(limit).toList();
    }

    List<String> tagKeys(String metric) {
        TreeSet<String> keys = new TreeSet<>();
        data.keySet().stream().filter(k -> k.metric().equals(metric)).forEach(k -> keys.addAll(k.tags().keySet()));
        return List.copyOf(keys);
    }

    List<String> tagValues(String metric, String key, List<TagFilter> filters, String prefix, int limit) {
        TreeSet<String> values = new TreeSet<>();
        for (SeriesKey k : series(metric, filters, Integer.MAX_VALUE)) {
            String v = k.tag(key);
            if (v != null && v.startsWith(prefix)) {
                values.add(v);
            }
        }
        return values.stream().limit(limit).toList();
    }

    List<SeriesKey> series(String metric, List<TagFilter> filters, int limit) {
        Query q = new Query(metric, filters, 0, 0, 0, io.sentrycloud.tsdb.Aggregation.SUM, List.of());
        return data.keySet().stream().filter(q::matches).limit(limit).toList();
    }

    Map<SeriesKey, TreeMap<Long, Double>> data() {
        return data;
    }
}
