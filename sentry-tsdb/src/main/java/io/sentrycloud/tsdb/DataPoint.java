package io.sentrycloud.tsdb;

/**
 * A timestamp (epoch milliseconds) and its value, as a query returns them.
 */
public record DataPoint(long timestamp, double value) {
}
