package io.sentrycloud.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.config.ServerConfig;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus HTTP API subset on a real server, in the exact JSON shapes Grafana's data source reads. */
class PrometheusApiIT {

    @TempDir
    Path data;

    SentryServer server;
    ServerClient client;
    /** A minute boundary ten minutes ago. */
    final long base = System.currentTimeMillis() / 1000 / 60 * 60 - 600;

    @BeforeEach
    void start() {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false"));
        client = new ServerClient(server.port());
        StringBuilder points = new StringBuilder("[");
        for (int i = 0; i <= 8; i++) {
            points.append(i == 0 ? "" : ",").append("{\"metric\":\"http_requests_total\",\"tags\":{\"job\":\"api\","
                    + "\"sentryIP\":\"10.0.0.1\"},\"timestamp\":").append(base + i * 15).append(",\"value\":")
                    .append(i * 30).append("},{\"metric\":\"http_requests_total\",\"tags\":{\"job\":\"web\","
                            + "\"sentryIP\":\"10.0.0.2\"},\"timestamp\":").append(base + i * 15)
                    .append(",\"value\":").append(i * 15).append('}');
        }
        assertThat(client.post("/server/api/putMetrics", points.append("]").toString()).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void instantQueryVectorAndScalar() {
        ServerClient.Answer a = client.get("/api/v1/query?time=" + (base + 60) + "&query="
                + enc("sum by (job) (rate(http_requests_total[1m]))"));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("status").asText()).isEqualTo("success");
        JsonNode d = a.json().get("data");
        assertThat(d.get("resultType").asText()).isEqualTo("vector");
        assertThat(d.get("result")).hasSize(2);
        JsonNode api = d.get("result").get(0);
        assertThat(api.get("metric").toString()).isEqualTo("{\"job\":\"api\"}");
        assertThat(api.get("value").get(0).asLong()).isEqualTo(base + 60);
        // values travel as strings; the rate of +30 per 15 s is 2 per second (up to float rounding)
        assertThat(Double.parseDouble(api.get("value").get(1).asText())).isCloseTo(2.0, within(1e-9));
        assertThat(Double.parseDouble(d.get("result").get(1).get("value").get(1).asText()))
                .isCloseTo(1.0, within(1e-9));

        ServerClient.Answer s = client.get("/api/v1/query?time=" + base + ".5&query=" + enc("1 + 1"));
        assertThat(s.text()).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
                + "\"result\":[" + base + ".5,\"2\"]}}");
    }

    @Test
    void rangeQueryAsGrafanaPostsIt() {
        String form = "query=" + enc("http_requests_total{job=\"web\"} / 15") + "&start=" + base + "&end="
                + (base + 60) + "&step=30s";
        ServerClient.Answer a = client.send(client.request("/api/v1/query_range")
                .setHeader("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().get("data").get("resultType").asText()).isEqualTo("matrix");
        JsonNode line = a.json().get("data").get("result").get(0);
        assertThat(line.get("metric").toString()).isEqualTo("{\"job\":\"web\",\"sentryIP\":\"10.0.0.2\"}");
        assertThat(line.get("values").toString()).isEqualTo("[[" + base + ",\"0\"],[" + (base + 30) + ",\"2\"],["
                + (base + 60) + ",\"4\"]]");
    }

    @Test
    void labelsValuesAndSeries() {
        assertThat(client.get("/api/v1/labels").json().get("data").toString())
                .isEqualTo("[\"__name__\",\"job\",\"sentryIP\"]");
        assertThat(client.get("/api/v1/label/job/values").json().get("data").toString())
                .isEqualTo("[\"api\",\"web\"]");
        assertThat(client.get("/api/v1/label/__name__/values").json().get("data").toString())
                .isEqualTo("[\"http_requests_total\"]");
        ServerClient.Answer series = client.get("/api/v1/series?match[]=" + enc("{__name__=~\"http.*\","
                + "job=\"api\"}"));
        assertThat(series.json().toString()).isEqualTo("{\"status\":\"success\",\"data\":[{\"__name__\":"
                + "\"http_requests_total\",\"job\":\"api\",\"sentryIP\":\"10.0.0.1\"}]}");
        assertThat(client.get("/api/v1/label/job/values?match[]=" + enc("http_requests_total{sentryIP=\"10.0.0.2\"}"))
                .json().get("data").toString()).isEqualTo("[\"web\"]");
    }

    @Test
    void errorsInPrometheusShape() {
        ServerClient.Answer unsupported = client.get("/api/v1/query?query="
                + enc("histogram_quantile(0.9, rate(x[5m]))"));
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.json().get("status").asText()).isEqualTo("error");
        assertThat(unsupported.json().get("errorType").asText()).isEqualTo("bad_data");
        assertThat(unsupported.json().get("error").asText())
                .startsWith("the function 'histogram_quantile' is not supported");
        assertThat(client.get("/api/v1/query_range?query=up&start=10&end=5&step=1").json().get("error").asText())
                .contains("end timestamp must not be before start time");
        assertThat(client.get("/api/v1/query_range?query=up&start=0&end=100000&step=1").json().get("error")
                .asText()).contains("exceeded maximum resolution of 11000 points");
        assertThat(client.get("/api/v1/query?query=up&time=yesterday").json().get("error").asText())
                .contains("cannot parse \"yesterday\" to a valid timestamp");
        assertThat(client.get("/api/v1/series").json().get("error").asText()).isEqualTo("no match[] parameter "
                + "provided");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
