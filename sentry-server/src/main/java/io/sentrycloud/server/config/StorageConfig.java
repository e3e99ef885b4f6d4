package io.sentrycloud.server.config;

import io.sentrycloud.tsdb.embedded.FsyncPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code storage:} section.
 *
 * @param type                   {@code embedded} (files under {@code dataDir}) or {@code victoriametrics}
 * @param dataDir                directory of the embedded store (and of the SQLite metadata file by default)
 * @param keepDays               retention in days; ingest refuses older points whatever the store
 * @param fsync                  {@code batch} or an interval such as {@code 100ms} (see {@link FsyncPolicy#parse})
 * @param maxSeries              most distinct series the embedded store accepts
 * @param vmWriteUrl             base URL the VictoriaMetrics store imports through ({@code /api/v1/import} is
 *                               appended): {@code http://host:8428} single node, {@code
 *                               http://vminsert:8480/insert/0/prometheus} cluster
 * @param vmReadUrl              base URL the VictoriaMetrics store queries ({@code /api/v1/export}, ... appended):
 *                               the same single node, or {@code http://vmselect:8481/select/0/prometheus}
 * @param vmMetricsUrl           a VictoriaMetrics {@code /metrics} page read for disk and point figures; empty for
 *                               none (then only the series count is reported)
 * @param vmAuthHeader           {@code "Name: value"} sent with every VictoriaMetrics request, empty for none
 * @param vmConnectTimeoutMillis TCP connect timeout towards VictoriaMetrics
 * @param vmRequestTimeoutMillis longest one VictoriaMetrics request may take
 * @param vmBatchPoints          most points one import request carries
 * @param vmBufferPoints         most points waiting for VictoriaMetrics' acknowledgement; writers wait for room
 * @param vmWriteConcurrency     import requests in flight at once
 * @param vmRetries              attempts after the first for an import that failed with a connection error,
 *                               HTTP 429 or 5xx; the backoff doubles from 100 ms up to 5 s
 */
public record StorageConfig(String type, Path dataDir, int keepDays, String fsync, long maxSeries,
                            String vmWriteUrl, String vmReadUrl, String vmMetricsUrl, String vmAuthHeader,
                            int vmConnectTimeoutMillis, int vmRequestTimeoutMillis, int vmBatchPoints,
                            int vmBufferPoints, int vmWriteConcurrency, int vmRetries) {

    public static final String EMBEDDED = "embedded";
    public static final String VICTORIA_METRICS = "victoriametrics";

    public StorageConfig {
        if (!EMBEDDED.equals(type) && !VICTORIA_METRICS.equals(type)) {
            throw new IllegalArgumentException("storage.type must be 'embedded' or 'victoriametrics', got '"
                    + type + "'");
        }
        if (dataDir == null || dataDir.toString().isBlank()) {
            throw new IllegalArgumentException("storage.data_dir must not be empty");
        }
        Check.between("storage.keep_days", keepDays, 1, 36500);
        Check.between("storage.max_series", maxSeries, 1, Integer.MAX_VALUE);
        try {
            FsyncPolicy.parse(fsync);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("storage.fsync must be 'batch' or an interval such as '100ms' or "
                    + "'1s', got '" + fsync + "'");
        }
        if (VICTORIA_METRICS.equals(type)) {
            httpUrl("storage.vm_write_url", vmWriteUrl);
            httpUrl("storage.vm_read_url", vmReadUrl);
        }
        if (vmMetricsUrl != null && !vmMetricsUrl.isBlank()) {
            httpUrl("storage.vm_metrics_url", vmMetricsUrl);
        }
        if (vmAuthHeader != null && !vmAuthHeader.isBlank() && vmAuthHeader.indexOf(':') <= 0) {
            throw new IllegalArgumentException("storage.vm_auth_header must look like 'Authorization: Bearer "
                    + "<token>' (a name, a colon, a value)");
        }
        Check.between("storage.vm_connect_timeout_millis", vmConnectTimeoutMillis, 1, 600_000);
        Check.between("storage.vm_request_timeout_millis", vmRequestTimeoutMillis, 1, 3_600_000);
        Check.between("storage.vm_batch_points", vmBatchPoints, 1, 10_000_000);
        Check.between("storage.vm_buffer_points", vmBufferPoints, vmBatchPoints, 100_000_000);
        Check.between("storage.vm_write_concurrency", vmWriteConcurrency, 1, 64);
        Check.between("storage.vm_retries", vmRetries, 0, 100);
    }

    /** The store's fsync policy this section asks for. */
    public FsyncPolicy fsyncPolicy() {
        return FsyncPolicy.parse(fsync);
    }

    /** Whether series live in VictoriaMetrics rather than the embedded engine. */
    public boolean isVictoriaMetrics() {
        return VICTORIA_METRICS.equals(type);
    }

    public Duration vmConnectTimeout() {
        return Duration.ofMillis(vmConnectTimeoutMillis);
    }

    public Duration vmRequestTimeout() {
        return Duration.ofMillis(vmRequestTimeoutMillis);
    }

    private static void httpUrl(String key, String value) {
        Check.notBlank(key, value);
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be an http:// or https:// URL with a host, got '"
                    + value + "'");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an http:// or https:// URL with a host, got '"
                    + value + "'");
        }
    }
}
