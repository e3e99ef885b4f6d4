package io.sentrycloud.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server samples itself into its own store, and exposes the same counters on /metrics and /health. */
class SelfMonitoringIT {

    @TempDir
    Path data;

    @Test
    void selfMetricsAppearAfterOneInterval() throws InterruptedException {
        try (SentryServer server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1",
                "--http.port=0", "--storage.data_dir=" + data, "--self_monitor.interval_seconds=1"))) {
            ServerClient client = new ServerClient(server.port());
            long now = System.currentTimeMillis() / 1000;
            client.post("/server/api/putMetrics", "[{\"metric\":\"m\",\"timestamp\":%d,\"value\":1}]".formatted(now));

            List<String> metrics = List.of();
            for (int i = 0; i < 50 && !metrics.contains("sentry_server_store_bytes"); i++) {
                Thread.sleep(100);
                metrics = names(client.post("/server/api/metrics", "{\"metric\":\"sentry_server_\"}").data());
            }
            assertThat(metrics).contains("sentry_server_http_qps", "sentry_server_http_rt",
                    "sentry_server_data_point", "sentry_server_agent_count", "sentry_server_query_count",
                    "sentry_server_threads", "sentry_server_gc_count", "sentry_server_gc_pause",
                    "sentry_server_heap_used", "sentry_server_series_count", "sentry_server_store_bytes");

            assertThat(names(client.post("/server/api/tagKeys", "{\"metric\":\"sentry_server_http_qps\"}").data()))
                    .containsExactly("api", "appName", "instance", "sentryIP");
            assertThat(names(client.post("/server/api/tagValues",
                    "{\"metric\":\"sentry_server_http_qps\",\"tags\":{\"api\":\"*\"}}").data()))
                    .contains("putMetrics", "range", "metric");
            JsonNode points = client.post("/server/api/range", """
                    {"last":60,"aggregator":"sum","metrics":[{"metric":"sentry_server_data_point",
                     "tags":{"appName":"sentry_server"}}]}""").data().get(0).get("dps");
            double total = 0;
            for (JsonNode dp : points) {
                total += dp.get("v").asDouble();
            }
            assertThat(total).isEqualTo(1.0); // the one point posted above; self-samples are not counted
            JsonNode heap = client.post("/server/api/range", """
                    {"last":60,"aggregator":"max","metrics":[{"metric":"sentry_server_heap_used"}]}""").data();
            assertThat(heap.get(0).get("dps").get(0).get("v").asDouble()).isPositive();
        }
    }

    @Test
    void prometheusTextAndHealth() {
        try (SentryServer server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1",
                "--http.port=0", "--storage.data_dir=" + data, "--self_monitor.enabled=false"))) {
            ServerClient client = new ServerClient(server.port());
            long now = System.currentTimeMillis() / 1000;
            client.post("/server/api/putMetrics", "[{\"metric\":\"m\",\"timestamp\":%d,\"value\":1},"
                    .formatted(now) + "{\"metric\":\"m\",\"timestamp\":%d,\"value\":NaN}]".formatted(now));
            client.post("/server/api/metrics", "{}");

            ServerClient.Answer metrics = client.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.text())
                    .contains("# TYPE sentry_server_http_requests_total counter\n")
                    .contains("sentry_server_http_requests_total{api=\"putMetrics\"} 1\n")
                    .contains("sentry_server_http_requests_total{api=\"metric\"} 1\n")
                    .contains("sentry_server_data_points_total 1\n")
                    .contains("sentry_server_rejected_points_total 1\n")
                    .contains("sentry_server_queries_total 1\n")
                    .contains("sentry_server_series_count 1\n")
                    .containsPattern("(?m)^sentry_server_heap_used_bytes [1-9][0-9]*$");
            for (String line : metrics.text().split("\n")) {
                assertThat(line).matches("# (HELP|TYPE) .*|[a-z_]+(\\{api=\"[a-zA-Z0-9]+\"\\})? [0-9.]+");
            }

            ServerClient.Answer health = client.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("up");
            assertThat(health.json().get("store").get("series").asLong()).isEqualTo(1);
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
