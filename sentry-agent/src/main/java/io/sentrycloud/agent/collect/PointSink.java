package io.sentrycloud.agent.collect;

import java.util.Map;

/** Where a collector puts its points; the round's timestamp and the common tags are added by the sink. */
public interface PointSink {

    /**
     * Adds a point. Non-finite values (a rate over a zero interval, a counter that went backwards) are skipped.
     *
     * @param metric a metric name such as {@code sentry_sys_cpu_usage}
     * @param tags   the point's own tags (not host/ip), may be empty
     * @param value  the value
     */
    void add(String metric, Map<String, String> tags, double value);

    /** Adds a point without tags of its own. */
    default void add(String metric, double value) {
        add(metric, Map.of(), value);
    }
}
