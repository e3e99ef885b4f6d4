package io.sentrycloud.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.server.config.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input over real HTTP: each case gets its status, code and message, and the good points are stored. */
class IngestErrorsIT {

    @TempDir
    Path data;

    SentryServer server;
    ServerClient client;
    final long now = System.currentTimeMillis() / 1000;

    @BeforeEach
    void start() {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false", "--http.max_body_bytes=4096",
                "--ingest.max_points_per_request=5"));
        client = new ServerClient(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void badPointsAreNamedByIndexAndGoodOnesStored() {
        ServerClient.Answer a = client.post("/server/api/putMetrics", """
                [{"metric":"good","timestamp":%d,"value":1},
                 {"metric":"good","timestamp":%d,"value":NaN},
                 {"metric":"","timestamp":%d,"value":1},
                 {"metric":"good","timestamp":0,"value":1},
                 {"metric":"good","timestamp":%d,"value":2}]""".formatted(now, now, now, now + 1));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.code()).isEqualTo(4);
        assertThat(a.msg()).startsWith("3 of 5 points rejected: point 1: value NaN is not a finite number")
                .endsWith("2 points were stored");
        assertThat(a.data().get("accepted").asInt()).isEqualTo(2);
        assertThat(a.data().get("rejected").asInt()).isEqualTo(3);
        assertThat(a.data().get("errors").toString())
                .contains("{\"index\":1,\"error\":\"value NaN is not a finite number")
                .contains("{\"index\":2,\"error\":\"metric is empty\"}")
                .contains("{\"index\":3,\"error\":\"timestamp 0 is not a positive epoch time\"}");

        ServerClient.Answer q = client.post("/server/api/range", """
                {"start":%d,"end":%d,"aggregator":"sum","metrics":[{"metric":"good"}]}""".formatted(now - 5, now + 5));
        assertThat(q.data().get(0).get("dps").toString())
                .isEqualTo("[{\"ts\":%d,\"v\":1.0},{\"ts\":%d,\"v\":2.0}]".formatted(now, now + 1));
    }

    @Test
    void malformedJsonIs400Code3WithLineAndColumn() {
        ServerClient.Answer a = client.post("/server/api/putMetrics", "[{\"metric\": \"x\",\n\"value\": 1,,}]");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.code()).isEqualTo(3);
        assertThat(a.msg()).contains("malformed JSON at line 2, column 12").contains("nothing was stored");
    }

    @Test
    void overLimitBodyIs413WithOrWithoutContentLength() {
        String big = "[" + "{\"metric\":\"m\",\"timestamp\":%d,\"value\":1},".formatted(now).repeat(120) + "]";
        ServerClient.Answer sized = client.post("/server/api/putMetrics", big);
        assertThat(sized.status()).isEqualTo(413);
        assertThat(sized.msg()).contains("larger than the limit of 4096 bytes");

        // chunked: no Content-Length, so the cap is met while reading
        ServerClient.Answer chunked = client.send(client.request("/server/api/putMetrics")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build());
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.code()).isEqualTo(4);
    }

    @Test
    void tooManyPointsIs413() {
        String six = "[" + "{\"metric\":\"m\",\"timestamp\":%d,\"value\":1},".formatted(now).repeat(5)
                + "{\"metric\":\"m\",\"timestamp\":%d,\"value\":1}]".formatted(now);
        ServerClient.Answer a = client.post("/server/api/putMetrics", six);
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.msg()).contains("more than 5 points");
        assertThat(client.post("/server/api/metrics", "{}").data().toString()).isEqualTo("[]");
    }

    @Test
    void gzipBodiesAreAcceptedAndCorruptGzipRefused() throws IOException {
        String json = "[{\"metric\":\"zipped\",\"tags\":{\"sentryIP\":\"10.1.1.1\"},\"timestamp\":%d,\"value\":7}]"
                .formatted(now);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        ServerClient.Answer a = client.send(client.request("/server/api/putMetrics").header("Content-Encoding",
                "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build());
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(client.post("/server/api/tagValues",
                "{\"metric\":\"zipped\",\"tags\":{\"sentryIP\":\"*\"}}").data().toString())
                .isEqualTo("[\"10.1.1.1\"]"); // a sender-given sentryIP is kept

        ServerClient.Answer bad = client.send(client.request("/server/api/putMetrics").header("Content-Encoding",
                "gzip").POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.msg()).contains("gzip");
    }

    @Test
    void unknownPathAndWrongMethodAnswerInTheEnvelope() {
        ServerClient.Answer missing = client.post("/server/api/nothing", "{}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.msg()).contains("/server/api/nothing");
        ServerClient.Answer get = client.get("/server/api/range");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.code()).isEqualTo(2);
    }
}
