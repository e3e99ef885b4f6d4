package io.sentrycloud.tsdb;

/**
 * What a store reports about itself for self-monitoring.
 *
 * @param seriesCount   series known to the store
 * @param pointCount    points held (approximate where the store cannot count cheaply)
 * @param diskBytes     bytes on disk under the store's directory
 * @param memoryBytes   estimated heap held by the store
 * @param blockCount    immutable on-disk blocks (0 for a store without blocks)
 * @param corruptions   damaged blocks and chunks found (each reported once in the log and skipped)
 */
public record StoreStats(long seriesCount, long pointCount, long diskBytes, long memoryBytes, long blockCount,
                         long corruptions) {

    /** For stores that have neither blocks nor checksummed files. */
    public StoreStats(long seriesCount, long pointCount, long diskBytes, long memoryBytes) {
        this(seriesCount, pointCount, diskBytes, memoryBytes, 0, 0);
    }
}
