package io.sentrycloud.sdk;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One data point as the original sentry sends it: {@code {"metric","tags","timestamp","value"}}.
 * Immutable; tags are kept sorted by key so equal points encode to equal bytes.
 */
public final class MetricPoint {

    /** Timestamps at or above this are milliseconds, below it seconds (the server's rule: 1e11 s is year 5138). */
    public static final long MILLIS_FROM = 100_000_000_000L;

    private final String metric;
    private final Map<String, String> tags;
    private final long timestamp;
    private final double value;

    /**
     * @param metric    metric name, not empty
     * @param tags      tag key to value, neither empty; may be empty but not null
     * @param timestamp epoch seconds, or epoch milliseconds when at least {@link #MILLIS_FROM}
     * @param value     a finite number (the server refuses NaN and infinities)
     * @throws IllegalArgumentException naming the bad field
     */
    public MetricPoint(String metric, Map<String, String> tags, long timestamp, double value) {
        if (metric == null || metric.isEmpty()) {
            throw new IllegalArgumentException("metric name is empty");
        }
        Objects.requireNonNull(tags, "tags");
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException("metric " + metric + ": a tag key is empty");
            }
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new IllegalArgumentException("metric " + metric + ": tag " + e.getKey() + " has no value");
            }
            sorted.put(e.getKey(), e.getValue());
        }
        if (timestamp < 0) {
            throw new IllegalArgumentException("metric " + metric + ": timestamp " + timestamp + " is negative");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("metric " + metric + ": value " + value + " is not a finite number");
        }
        this.metric = metric;
        this.tags = Collections.unmodifiableMap(sorted);
        this.timestamp = timestamp;
        this.value = value;
    }

    /** A point stamped with the current time in whole seconds. */
    public static MetricPoint now(String metric, Map<String, String> tags, double value) {
        return new MetricPoint(metric, tags, System.currentTimeMillis() / 1000, value);
    }

    public String metric() {
        return metric;
    }

    /** The tags, sorted by key, unmodifiable. */
    public Map<String, String> tags() {
        return tags;
    }

    /** Epoch seconds, or milliseconds when at least {@link #MILLIS_FROM}. */
    public long timestamp() {
        return timestamp;
    }

    public double value() {
        return value;
    }

    /** The same point with more tags; a tag the point already has keeps its value. */
    public MetricPoint withDefaultTags(Map<String, String> defaults) {
        if (defaults.isEmpty() || tags.keySet().containsAll(defaults.keySet())) {
            return this;
        }
        TreeMap<String, String> merged = new TreeMap<>(defaults);
        merged.putAll(tags);
        return new MetricPoint(metric, merged, timestamp, value);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MetricPoint)) {
            return false;
        }
        MetricPoint p = (MetricPoint) o;
        return timestamp == p.timestamp && Double.compare(value, p.value) == 0 && metric.equals(p.metric)
                && tags.equals(p.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metric, tags, timestamp, value);
    }

    @Override
    public String toString() {
        return metric + tags + "@" + timestamp + "=" + value;
    }
}
