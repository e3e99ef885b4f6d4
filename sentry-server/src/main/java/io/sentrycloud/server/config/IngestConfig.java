package io.sentrycloud.server.config;

/**
 * The {@code ingest:} section: bounds on what one putMetrics request and one point may carry.
 *
 * @param maxPointsPerRequest most points per request
 * @param maxTags             most tags per point, not counting the added {@code sentryIP}
 * @param maxTagLength        longest tag key or value
 * @param maxMetricLength     longest metric name
 * @param maxFutureSeconds    how far ahead of the server clock a timestamp may be
 */
public record IngestConfig(int maxPointsPerRequest, int maxTags, int maxTagLength, int maxMetricLength,
                           int maxFutureSeconds) {

    public IngestConfig {
        Check.between("ingest.max_points_per_request", maxPointsPerRequest, 1, 10_000_000);
        Check.between("ingest.max_tags", maxTags, 1, 1024);
        Check.between("ingest.max_tag_length", maxTagLength, 1, 4096);
        Check.between("ingest.max_metric_length", maxMetricLength, 1, 4096);
        Check.between("ingest.max_future_seconds", maxFutureSeconds, 0, 366 * 86400);
    }
}
