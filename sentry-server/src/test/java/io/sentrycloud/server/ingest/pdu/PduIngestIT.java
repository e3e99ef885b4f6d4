package io.sentrycloud.server.ingest.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentrycloud.server.SentryServer;
import io.sentrycloud.server.config.ServerConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original agents' PDU stream into a real server, over a real socket, read back through the query API. */
class PduIngestIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    SentryServer server;
    final long now = System.currentTimeMillis() / 1000;

    @BeforeEach
    void start() {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false", "--pdu.max_frame_bytes=4096"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String points(String metric, int n, double first) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? "," : "").append("{\"metric\":\"").append(metric)
                    .append("\",\"tags\":{\"host\":\"h\"},\"timestamp\":").append(now - 60 + i)
                    .append(",\"value\":").append(first + i).append('}');
        }
        return sb.append(']').toString();
    }

    private static byte[] frame(long seq, String json) {
        return PduFrame.encode(PduFrame.TYPE_METRICS, seq, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void framesBackToBackAreStoredBadJsonSkippedSentryIpAdded() throws Exception {
        int port = server.protocols().pduPort();
        assertThat(port).isPositive();
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(frame(1, points("pdu_test", 3, 1)));
            out.write(frame(2, "[{\"metric\": nope"));
            // an invalid point in a frame is refused alone
            out.write(frame(3, "[{\"metric\":\"pdu_test\",\"tags\":{\"host\":\"h\"},\"timestamp\":" + (now - 10)
                    + ",\"value\":10},{\"metric\":\"\",\"tags\":{},\"timestamp\":1,\"value\":1}]"));
            byte[] last = frame(4, points("pdu_other", 2, 100));
            out.write(last, 0, 5); // a frame split across packets
            out.flush();
            Thread.sleep(50);
            out.write(last, 5, last.length - 5);
            out.flush();
            // PDU type 2 is unknown: skipped, the stream goes on
            out.write(PduFrame.encode(2, 5, "[]".getBytes(StandardCharsets.UTF_8)));
        }
        JsonNode sum = awaitSum("pdu_test", 4);
        assertThat(sum.get(0).get("dps").get(0).get("v").asDouble()).isEqualTo(16.0); // 1+2+3+10
        assertThat(awaitSum("pdu_other", 2).get(0).get("dps").get(0).get("v").asDouble()).isEqualTo(201.0);
        JsonNode curves = post("/server/api/curves", "{\"metric\":\"pdu_test\",\"tags\":{\"sentryIP\":\"*\"}}");
        assertThat(curves.get("data").get(0).get("sentryIP").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void badMagicAndOversizedFramesCloseTheConnection() throws Exception {
        int port = server.protocols().pduPort();
        for (byte[] bad : new byte[][]{"POST /server/api/putMetrics HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.UTF_8),
                frame(1, points("pdu_big", 100, 0))}) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(bad);
                s.getOutputStream().write(frame(2, points("pdu_after_bad", 1, 1)));
                InputStream in = s.getInputStream();
                assertThat(in.read()).isEqualTo(-1);
            }
        }
        // the listener still serves, and nothing of the closed connections was stored
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(frame(1, points("pdu_good", 1, 5)));
        }
        awaitSum("pdu_good", 1);
        assertThat(range("pdu_after_bad").get(0).get("dps")).isEmpty();
        assertThat(range("pdu_big").get(0).get("dps")).isEmpty();
    }

    private JsonNode awaitSum(String metric, int points) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode count = range(metric, "count");
        while (System.nanoTime() < deadline && (count.get(0).get("dps").isEmpty()
                || count.get(0).get("dps").get(0).get("v").asInt() < points)) {
            Thread.sleep(100);
            count = range(metric, "count");
        }
        assertThat(count.get(0).get("dps").get(0).get("v").asInt()).isEqualTo(points);
        return range(metric, "sum");
    }

    private JsonNode range(String metric) throws Exception {
        return range(metric, "sum");
    }

    private JsonNode range(String metric, String aggregator) throws Exception {
        return post("/server/api/range", "{\"start\":" + (now - 3600) + ",\"end\":" + (now + 60)
                + ",\"aggregator\":\"" + aggregator + "\",\"down_sample\":7200,\"metrics\":[{\"metric\":\"" + metric
                + "\",\"tags\":{}}]}").get("data");
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.port() + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
