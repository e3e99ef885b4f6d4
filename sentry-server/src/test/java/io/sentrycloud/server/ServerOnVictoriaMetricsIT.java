package io.sentrycloud.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.server.storage.victoriametrics.VictoriaMetricsServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every end-to-end test of {@link ServerEndToEndIT} on a real server started with {@code
 * --storage.type=victoriametrics} against a real VictoriaMetrics: ingest through {@code /server/api/putMetrics},
 * answers through {@code /server/api/range} and the listing APIs, identical to the embedded store's.
 */
class ServerOnVictoriaMetricsIT extends ServerEndToEndIT {

    /** One VictoriaMetrics per test, as each test of the parent has its own data directory. */
    private VictoriaMetricsServer vm;

    @AfterEach
    void stopVictoriaMetrics() {
        if (vm != null) {
            vm.close();
        }
    }

    @Override
    ServerConfig config() {
        if (vm == null) {
            vm = VictoriaMetricsServer.start();
        }
        return ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0", "--storage.data_dir=" + data,
                "--self_monitor.enabled=false", "--storage.type=victoriametrics",
                "--storage.vm_write_url=" + vm.url(), "--storage.vm_read_url=" + vm.url(),
                "--storage.vm_metrics_url=" + vm.url() + "/metrics");
    }

    /** VictoriaMetrics makes acknowledged points searchable within a second; the test does not wait for that. */
    @Override
    void ingested() {
        vm.flush();
    }

    @Test
    void healthReportsVictoriaMetricsFigures() {
        ServerClient.Answer health = client.get("/health");
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(health.json().at("/store/series").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(health.json().at("/store/points").asLong()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void anAcceptedBatchIsInVictoriaMetrics() {
        long t = System.currentTimeMillis() / 1000 - 300;
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            body.append(i == 0 ? "" : ",").append("""
                    {"metric":"vm_batch","tags":{"host":"h%d"},"timestamp":%d,"value":%d}""".formatted(i % 5, t + i / 5, i));
        }
        ServerClient.Answer put = client.post("/server/api/putMetrics", body.append(']').toString());
        assertThat(put.json().at("/data/accepted").asInt()).isEqualTo(500);
        vm.flush();
        assertThat(vm.get("/api/v1/export?match[]=vm_batch")).contains("\"__name__\":\"vm_batch\"");
        ServerClient.Answer count = client.post("/server/api/range", """
                {"start":%d,"end":%d,"aggregator":"count","down_sample":"1h",
                 "metrics":[{"metric":"vm_batch","tags":{"host":"*"}}]}""".formatted(t - 3600, t + 200));
        assertThat(count.data()).hasSize(5);
        count.data().forEach(line -> assertThat(line.get("dps").findValuesAsText("v").stream()
                .mapToDouble(Double::parseDouble).sum()).isEqualTo(100.0));
        assertThat(List.of(client.post("/server/api/tagValues", "{\"metric\":\"vm_batch\",\"tags\":{\"host\":\"*\"}}")
                .data().toString())).containsExactly("[\"h0\",\"h1\",\"h2\",\"h3\",\"h4\"]");
    }
}
