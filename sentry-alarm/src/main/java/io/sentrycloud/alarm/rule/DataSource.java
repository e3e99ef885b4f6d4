package io.sentrycloud.alarm.rule;

import io.sentrycloud.tsdb.Aggregation;
import java.util.Objects;

/**
 * The query part of a rule (its {@code data_source} JSON, less the type-specific fields).
 *
 * @param metric            metric name
 * @param tags              the tag selection
 * @param aggregation       how a downsample bucket's points become one value
 * @param downsampleSeconds bucket width, at least 1 s
 */
public record DataSource(String metric, TagSelector tags, Aggregation aggregation, long downsampleSeconds) {

    public DataSource {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(aggregation, "aggregation");
    }
}
