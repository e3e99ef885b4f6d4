package io.sentrycloud.tsdb;

/**
 * What a store reports about itself for self-monitoring.
 *
 * @param seriesCount   series known to the store
 * @param pointCount    points held (approximate where the store cannot count cheaply)
 * @param diskBytes     bytes on disk under the store's directory
 * @param memoryBytes   estimated heap held by the store
 */
public record StoreStats(long seriesCount, long pointCount, long diskBytes, long memoryBytes) {
}
