package io.sentrycloud.server.storage.victoriametrics;

import io.sentrycloud.server.config.StorageConfig;
import io.sentrycloud.tsdb.embedded.EmbeddedOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link VictoriaMetricsStore} reaches VictoriaMetrics and bounds its work.
 *
 * @param writeUrl          base URL of the import API (single node, or vminsert's {@code /insert/<tenant>/prometheus})
 * @param readUrl           base URL of the query APIs (single node, or vmselect's {@code /select/<tenant>/prometheus})
 * @param metricsUrl        a {@code /metrics} page for disk and row figures, or null
 * @param authHeader        a header name and value sent with every request, or null
 * @param connectTimeout    TCP connect timeout
 * @param requestTimeout    longest one request may take; also how long a writer waits for buffer room
 * @param batchPoints       most points per import request
 * @param bufferPoints      most points waiting for an acknowledgement
 * @param writeConcurrency  import requests in flight
 * @param retries           retries of a failed import
 * @param maxSeriesPerQuery series one query may touch (as the embedded store's limit)
 * @param maxPointsPerQuery raw points one query may read (as the embedded store's limit)
 */
public record VictoriaMetricsOptions(URI writeUrl, URI readUrl, URI metricsUrl, Header authHeader,
                                     Duration connectTimeout, Duration requestTimeout, int batchPoints,
                                     int bufferPoints, int writeConcurrency, int retries, int maxSeriesPerQuery,
                                     long maxPointsPerQuery) {

    /** One HTTP header. */
    public record Header(String name, String value) {
        /** Parses {@code "Name: value"}. */
        public static Header parse(String line) {
            int colon = line.indexOf(':');
            return new Header(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
    }

    public VictoriaMetricsOptions {
        Objects.requireNonNull(writeUrl, "writeUrl");
        Objects.requireNonNull(readUrl, "readUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (batchPoints <= 0 || bufferPoints < batchPoints || writeConcurrency <= 0 || retries < 0
                || maxSeriesPerQuery <= 0 || maxPointsPerQuery <= 0) {
            throw new IllegalArgumentException("bad VictoriaMetrics store bounds: " + batchPoints + " batch, "
                    + bufferPoints + " buffer, " + writeConcurrency + " concurrent, " + retries + " retries");
        }
    }

    /** Defaults for one VictoriaMetrics single node at {@code baseUrl} (tests and the benchmark). */
    public static VictoriaMetricsOptions singleNode(String baseUrl) {
        String base = trimSlash(baseUrl);
        return new VictoriaMetricsOptions(URI.create(base), URI.create(base), URI.create(base + "/metrics"), null,
                Duration.ofSeconds(2), Duration.ofSeconds(30), 20_000, 1_000_000, 4, 5,
                EmbeddedOptions.DEFAULT_MAX_SERIES_PER_QUERY, EmbeddedOptions.DEFAULT_MAX_POINTS_PER_QUERY);
    }

    /** The options the {@code storage:} section asks for; the query limits are the embedded store's. */
    public static VictoriaMetricsOptions from(StorageConfig c) {
        return new VictoriaMetricsOptions(URI.create(trimSlash(c.vmWriteUrl())), URI.create(trimSlash(c.vmReadUrl())),
                blank(c.vmMetricsUrl()) ? null : URI.create(c.vmMetricsUrl()),
                blank(c.vmAuthHeader()) ? null : Header.parse(c.vmAuthHeader()),
                c.vmConnectTimeout(), c.vmRequestTimeout(), c.vmBatchPoints(), c.vmBufferPoints(),
                c.vmWriteConcurrency(), c.vmRetries(), EmbeddedOptions.DEFAULT_MAX_SERIES_PER_QUERY,
                EmbeddedOptions.DEFAULT_MAX_POINTS_PER_QUERY);
    }

    public VictoriaMetricsOptions withQueryLimits(int maxSeries, long maxPoints) {
        return new VictoriaMetricsOptions(writeUrl, readUrl, metricsUrl, authHeader, connectTimeout, requestTimeout,
                batchPoints, bufferPoints, writeConcurrency, retries, maxSeries, maxPoints);
    }

    public VictoriaMetricsOptions withWriting(int batch, int buffer, int concurrency, int retryCount) {
        return new VictoriaMetricsOptions(writeUrl, readUrl, metricsUrl, authHeader, connectTimeout, requestTimeout,
                batch, buffer, concurrency, retryCount, maxSeriesPerQuery, maxPointsPerQuery);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
