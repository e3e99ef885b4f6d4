package io.sentrycloud.agent.config;

/**
 * The {@code delivery:} section: how collected points reach the server.
 *
 * @param batchSize         most points per request
 * @param queueCapacity     most points waiting in memory
 * @param gzip              compress request bodies
 * @param spoolDir          directory for undelivered batches, empty for memory only
 * @param spoolMaxBytes     most bytes the spool holds
 * @param maxBackoffSeconds longest wait between attempts
 */
public record DeliveryConfig(int batchSize, int queueCapacity, boolean gzip, String spoolDir, long spoolMaxBytes,
                             int maxBackoffSeconds) {

    public DeliveryConfig {
        Check.between("delivery.batch_size", batchSize, 1, 100_000);
        Check.between("delivery.queue_capacity", queueCapacity, 1, 10_000_000);
        Check.between("delivery.spool_max_bytes", spoolMaxBytes, 1024, 1L << 40);
        Check.between("delivery.max_backoff_seconds", maxBackoffSeconds, 1, 3600);
        spoolDir = spoolDir == null ? "" : spoolDir.trim();
    }
}
