package io.sentrycloud.server.selfmon;

import io.sentrycloud.server.http.Api;
import io.sentrycloud.tsdb.StoreStats;
import java.util.Locale;

/**
 * The server's own counters in the Prometheus text exposition format 0.0.4, for {@code GET /metrics}. Counters are
 * cumulative since start (Prometheus computes rates); the store's own figures are gauges.
 */
public final class PrometheusText {

    /** The Content-Type of the format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    public static String render(ServerStats.Snapshot s, JvmSample jvm, StoreStats store, int recentSenders) {
        StringBuilder out = new StringBuilder(4096);
        header(out, "sentry_server_http_requests_total", "counter", "HTTP API requests served, by api.");
        for (Api api : Api.values()) {
            out.append("sentry_server_http_requests_total{api=\"").append(api.statName()).append("\"} ")
                    .append(s.requests().get(api)).append('\n');
        }
        header(out, "sentry_server_http_request_seconds", "summary", "Time spent handling HTTP API requests, by api.");
        for (Api api : Api.values()) {
            out.append("sentry_server_http_request_seconds_sum{api=\"").append(api.statName()).append("\"} ")
                    .append(number(s.nanos().get(api) / 1e9)).append('\n');
            out.append("sentry_server_http_request_seconds_count{api=\"").append(api.statName()).append("\"} ")
                    .append(s.requests().get(api)).append('\n');
        }
        metric(out, "sentry_server_data_points_total", "counter", "Points stored by ingest.", s.acceptedPoints());
        metric(out, "sentry_server_rejected_points_total", "counter", "Points refused by ingest as invalid.",
                s.rejectedPoints());
        metric(out, "sentry_server_queries_total", "counter", "Query API requests served.", s.queries());
        metric(out, "sentry_server_agent_count", "gauge",
                "Distinct sender addresses since the last self-monitoring interval.", recentSenders);
        metric(out, "sentry_server_threads", "gauge", "Live JVM threads.", jvm.threads());
        metric(out, "sentry_server_gc_count_total", "counter", "JVM garbage collections, all collectors.",
                jvm.gcCount());
        out.append("# HELP sentry_server_gc_pause_seconds_total Time spent in JVM garbage collection.\n")
                .append("# TYPE sentry_server_gc_pause_seconds_total counter\n")
                .append("sentry_server_gc_pause_seconds_total ").append(number(jvm.gcPauseMillis() / 1e3))
                .append('\n');
        metric(out, "sentry_server_heap_used_bytes", "gauge", "JVM heap in use.", jvm.heapUsed());
        metric(out, "sentry_server_series_count", "gauge", "Series known to the store.", store.seriesCount());
        metric(out, "sentry_server_store_points", "gauge", "Points held by the store.", store.pointCount());
        metric(out, "sentry_server_store_bytes", "gauge", "Bytes on disk under the store's directory.",
                store.diskBytes());
        metric(out, "sentry_server_store_memory_bytes", "gauge", "Estimated heap held by the store.",
                store.memoryBytes());
        return out.toString();
    }

    private static void metric(StringBuilder out, String name, String type, String help, long value) {
        header(out, name, type, help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
