package io.sentrycloud.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /server/api/chartData} in the original's shape, for stored charts and for lines sent inline. */
class ChartDataIT {

    @TempDir
    Path data;

    SentryServer server;
    ServerClient client;
    /** A minute boundary ten minutes ago. */
    final long base = System.currentTimeMillis() / 1000 / 60 * 60 - 600;

    @BeforeEach
    void start() {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false", "--auth.enabled=false"));
        client = new ServerClient(server.port());
        String points = """
                [{"metric":"qps","tags":{"api":"range","host":"a"},"timestamp":%d,"value":1},
                 {"metric":"qps","tags":{"api":"range","host":"b"},"timestamp":%d,"value":2},
                 {"metric":"qps","tags":{"api":"topn","host":"a"},"timestamp":%d,"value":5},
                 {"metric":"qps","tags":{"api":"range","host":"a"},"timestamp":%d,"value":7}]"""
                .formatted(base, base + 1, base + 2, base - 3600);
        assertThat(client.post("/server/api/putMetrics", points).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void storedChartLinesExpandStarTagsAndNameCurvesByTheirValues() {
        ServerClient.Answer dashboard = client.post("/api/v1/dashboards", """
                {"name": "api", "charts": [{"name": "qps", "type": "line", "aggregation": "sum", "down_sample": "1m",
                  "lines": [{"name": "qps", "metric": "qps", "tags": {"api": "*"}}]}]}""");
        assertThat(dashboard.status()).as(dashboard.text()).isBetween(200, 201);
        long dashboardId = dashboard.data().get("id").asLong();
        long chartId = client.get("/api/v1/charts?dashboard_id=" + dashboardId).data().get("items").get(0)
                .get("id").asLong();

        ServerClient.Answer a = client.post("/server/api/chartData", "{\"id\":" + chartId + ",\"type\":\"line\","
                + "\"aggregation\":\"sum\",\"down_sample\":\"1m\",\"start\":" + base + ",\"end\":" + (base + 60) + "}");
        assertThat(a.code()).as(a.text()).isZero();
        assertThat(a.data()).hasSize(2);
        JsonNode range = a.data().get(0);
        assertThat(range.get("name").asText()).isEqualTo("range");
        assertThat(range.get("metric").asText()).isEqualTo("qps");
        assertThat(range.get("tags").toString()).isEqualTo("{\"api\":\"range\"}");
        assertThat(range.get("dps").toString()).isEqualTo("[{\"ts\":" + base + ",\"v\":3.0}]");
        assertThat(a.data().get(1).get("name").asText()).isEqualTo("topn");

        // the dashboard filter replaces the line's tag for keys the metric has, and ignores the others
        ServerClient.Answer filtered = client.post("/server/api/chartData", "{\"id\":" + chartId + ",\"type\":"
                + "\"line\",\"aggregation\":\"sum\",\"down_sample\":\"1m\",\"start\":" + base + ",\"end\":"
                + (base + 60) + ",\"filter\":{\"host\":\"b\",\"nope\":\"x\"}}");
        assertThat(values(filtered.data())).containsExactly(2.0);
    }

    @Test
    void inlineLinesWithOffsetAndTopN() {
        ServerClient.Answer offset = client.post("/server/api/chartData", "{\"type\":\"line\",\"aggregation\":"
                + "\"max\",\"down_sample\":60,\"start\":" + base + ",\"end\":" + (base + 60) + ",\"lines\":["
                + "{\"name\":\"now\",\"metric\":\"qps\",\"tags\":{\"host\":\"a\",\"api\":\"range\"}},"
                + "{\"name\":\"an hour ago\",\"metric\":\"qps\",\"tags\":{\"host\":\"a\",\"api\":\"range\"},"
                + "\"offset\":3600}]}");
        assertThat(offset.code()).as(offset.text()).isZero();
        assertThat(offset.data().get(0).get("dps").toString()).isEqualTo("[{\"ts\":" + base + ",\"v\":1.0}]");
        // read an hour earlier, drawn on the same time axis
        assertThat(offset.data().get(1).get("name").asText()).isEqualTo("an hour ago");
        assertThat(offset.data().get(1).get("dps").toString()).isEqualTo("[{\"ts\":" + base + ",\"v\":7.0}]");

        ServerClient.Answer topN = client.post("/server/api/chartData", "{\"type\":\"topN\",\"aggregation\":"
                + "\"sum\",\"down_sample\":\"1m\",\"topn_limit\":1,\"start\":" + base + ",\"end\":" + (base + 60)
                + ",\"lines\":[{\"metric\":\"qps\",\"tags\":{\"api\":\"*\"}}]}");
        assertThat(topN.code()).as(topN.text()).isZero();
        assertThat(topN.data().toString()).isEqualTo("[{\"metric\":\"qps\",\"name\":\"topn\",\"tags\":{\"api\":"
                + "\"topn\"},\"value\":5.0}]");
    }

    @Test
    void refusals() {
        assertThat(client.post("/server/api/chartData", "{\"id\":99,\"aggregation\":\"sum\",\"start\":" + base + "}")
                .code()).isEqualTo(11); // no down_sample, as the original
        ServerClient.Answer missing = client.post("/server/api/chartData", "{\"id\":99,\"aggregation\":\"sum\","
                + "\"down_sample\":\"1m\",\"start\":" + base + "}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.msg()).isEqualTo("there is no chart with id 99");
    }

    private static List<Double> values(JsonNode curves) {
        List<Double> out = new ArrayList<>();
        curves.forEach(c -> c.get("dps").forEach(dp -> out.add(dp.get("v").asDouble())));
        return out;
    }
}
