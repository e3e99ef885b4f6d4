package io.sentrycloud.agent.collect;

import io.sentrycloud.sdk.MetricPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The points of one collection round: each gets the round's timestamp and the common tags (a collector's own tag of
 * the same name wins).
 */
public final class Round implements PointSink {

    private final long timestamp;
    private final Map<String, String> commonTags;
    private final List<MetricPoint> points = new ArrayList<>();
    private int skipped;

    /**
     * @param timestamp  epoch seconds stamped on every point
     * @param commonTags tags added to every point
     */
    public Round(long timestamp, Map<String, String> commonTags) {
        this.timestamp = timestamp;
        this.commonTags = commonTags;
    }

    @Override
    public void add(String metric, Map<String, String> tags, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            skipped++;
            return;
        }
        Map<String, String> all = new TreeMap<>(commonTags);
        for (var e : tags.entrySet()) {
            if (e.getValue() != null && !e.getValue().isEmpty()) {
                all.put(e.getKey(), e.getValue());
            }
        }
        points.add(new MetricPoint(metric, all, timestamp, value));
    }

    public long timestamp() {
        return timestamp;
    }

    /** The points added so far, in order. */
    public List<MetricPoint> points() {
        return points;
    }

    /** Values skipped because they were not finite. */
    public int skipped() {
        return skipped;
    }
}
