package io.sentrycloud.server.http;

/**
 * The API endpoints, with the name the original's self-monitoring uses for each ({@code api} tag of
 * {@code sentry_server_http_qps}) and whether it counts as a query.
 */
public enum Api {
    PUT_METRICS("/server/api/putMetrics", "putMetrics", false),
    METRICS("/server/api/metrics", "metric", true),
    TAG_KEYS("/server/api/tagKeys", "tagKey", true),
    TAG_VALUES("/server/api/tagValues", "tagValue", true),
    CURVES("/server/api/curves", "curve", true),
    RANGE("/server/api/range", "range", true),
    TOPN("/server/api/topn", "topN", true),
    INFLUX_WRITE("/write", "influxWrite", false),
    INFLUX_V2_WRITE("/api/v2/write", "influxV2Write", false),
    OPENTSDB_PUT("/api/put", "opentsdbPut", false),
    REMOTE_WRITE("/api/v1/write", "remoteWrite", false),
    OTLP_METRICS("/v1/metrics", "otlpMetrics", false),
    // the original's metadata endpoints, under the names its self-monitoring gave them
    DASHBOARD("/server/api/dashboard", "dashboard", false),
    CHART("/server/api/chart", "chart", false),
    CHART_LIST("/server/api/chartList", "chartList", false),
    ALARM_RULE("/server/api/alarmRule", "alarm", false),
    CONTACT("/server/api/contact", "contact", false),
    METRIC_WHITE_LIST("/server/api/metricWhiteList", "metricWhiteList", false),
    PROM_QUERY("/api/v1/query", "promQuery", true),
    PROM_QUERY_RANGE("/api/v1/query_range", "promQueryRange", true),
    PROM_LABELS("/api/v1/labels", "promLabels", true),
    PROM_LABEL_VALUES("/api/v1/label/{name}/values", "promLabelValues", true),
    PROM_SERIES("/api/v1/series", "promSeries", true);

    private final String path;
    private final String statName;
    private final boolean query;

    Api(String path, String statName, boolean query) {
        this.path = path;
        this.statName = statName;
        this.query = query;
    }

    public String path() {
        return path;
    }

    /** The {@code api} tag value of this endpoint's self-metrics. */
    public String statName() {
        return statName;
    }

    public boolean isQuery() {
        return query;
    }
}
