package io.sentrycloud.agent.listen;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.sdk.MetricPoint;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent's HTTP and PDU listeners over real sockets on 127.0.0.1. */
class ListenersIT {

    private final List<MetricPoint> forwarded = new CopyOnWriteArrayList<>();
    private final ListenerStats stats = new ListenerStats();
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile int capacity = Integer.MAX_VALUE;
    private final PointForwarder forwarder = points -> {
        int n = Math.min(points.size(), capacity);
        forwarded.addAll(points.subList(0, n));
        return n;
    };
    private HttpListener httpListener;
    private PduListener pduListener;

    @AfterEach
    void close() {
        if (httpListener != null) {
            httpListener.close();
        }
        if (pduListener != null) {
            pduListener.close();
        }
    }

    private static String json(int from, int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = from; i < from + n; i++) {
            sb.append(i > from ? "," : "").append("{\"metric\":\"app_requests\",\"tags\":{\"api\":\"a")
                    .append(i).append("\"},\"timestamp\":1700000000,\"value\":").append(i).append('}');
        }
        return sb.append(']').toString();
    }

    private HttpResponse<String> post(byte[] body, boolean gzip) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpListener.port()
                + HttpListener.PATH)).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (gzip) {
            b.header("Content-Encoding", "gzip");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpTakesTheOriginalJsonPlainOrGzipAndAddsSentryIp() throws Exception {
        httpListener = HttpListener.start("127.0.0.1", 0, forwarder, stats, "10.1.2.3", 1 << 20);
        HttpResponse<String> r = post(json(0, 3).getBytes(StandardCharsets.UTF_8), false);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"code\":0,\"msg\":\"ok\",\"data\":{\"accepted\":3,\"rejected\":0}}");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(json(3, 2).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(post(gz.toByteArray(), true).statusCode()).isEqualTo(200);
        assertThat(forwarded).extracting(MetricPoint::value).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
        assertThat(forwarded.get(0).tags()).containsEntry("sentryIP", "10.1.2.3").containsEntry("api", "a0");
        // a sender's own sentryIP is kept
        post("[{\"metric\":\"m\",\"tags\":{\"sentryIP\":\"9.9.9.9\"},\"timestamp\":1,\"value\":1}]"
                .getBytes(StandardCharsets.UTF_8), false);
        assertThat(forwarded.get(5).tags()).containsEntry("sentryIP", "9.9.9.9");
        assertThat(stats.receivedTotals()).containsEntry("http", 6L);
    }

    @Test
    void httpNamesWhatIsWrong() throws Exception {
        httpListener = HttpListener.start("127.0.0.1", 0, forwarder, stats, "10.1.2.3", 2048);
        HttpResponse<String> bad = post(("[{\"metric\":\"ok\",\"tags\":{},\"timestamp\":1,\"value\":1},"
                + "{\"metric\":\"9bad\",\"tags\":{},\"timestamp\":1,\"value\":1},"
                + "{\"metric\":\"m\",\"tags\":{\"k\":\"\"},\"timestamp\":1,\"value\":1},"
                + "{\"metric\":\"m\",\"tags\":{},\"timestamp\":\"x\",\"value\":1}]").getBytes(StandardCharsets.UTF_8),
                false);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"code\":4").contains("3 of 4 points rejected: point 1: metric must be")
                .contains("\"accepted\":1,\"rejected\":3");
        assertThat(forwarded).extracting(MetricPoint::metric).containsExactly("ok");

        HttpResponse<String> malformed = post("{\"metric\":".getBytes(StandardCharsets.UTF_8), false);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"code\":3").contains("not valid JSON");
        assertThat(post("{}".getBytes(StandardCharsets.UTF_8), false).body()).contains("must be a JSON array");
        assertThat(post("[1]".getBytes(StandardCharsets.UTF_8), true).body()).contains("not gzip data");
        assertThat(post(json(0, 100).getBytes(StandardCharsets.UTF_8), false).statusCode()).isEqualTo(413);

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + httpListener.port() + HttpListener.PATH)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + httpListener.port() + "/server/api/putMetrics")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("\"code\":1");
    }

    @Test
    void aFullQueueIsAnsweredWith503AndCounted() throws Exception {
        httpListener = HttpListener.start("127.0.0.1", 0, forwarder, stats, "10.1.2.3", 1 << 20);
        capacity = 2;
        HttpResponse<String> r = post(json(0, 5).getBytes(StandardCharsets.UTF_8), false);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("3 points dropped").contains("\"accepted\":2,\"rejected\":3");
        assertThat(stats.refusedTotals()).containsEntry("http", 3L);
    }

    @Test
    void pduStreamManyFramesOneConnectionBadJsonSkipped() throws Exception {
        pduListener = PduListener.start("127.0.0.1", 0, forwarder, stats, "10.1.2.3", 1 << 20);
        try (Socket s = new Socket("127.0.0.1", pduListener.port());
             DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            out.write(Pdu.encode(Pdu.TYPE_METRICS, 1, json(0, 3).getBytes(StandardCharsets.UTF_8)));
            out.write(Pdu.encode(Pdu.TYPE_METRICS, 2, "[{not json".getBytes(StandardCharsets.UTF_8)));
            // a frame split across writes
            byte[] third = Pdu.encode(Pdu.TYPE_METRICS, 3, json(3, 2).getBytes(StandardCharsets.UTF_8));
            out.write(third, 0, 7);
            out.flush();
            Thread.sleep(50);
            out.write(third, 7, third.length - 7);
            out.flush();
            awaitForwarded(5);
        }
        assertThat(forwarded).extracting(MetricPoint::value).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
        assertThat(forwarded.get(0).tags()).containsEntry("sentryIP", "10.1.2.3");
        assertThat(stats.refusedTotals()).containsEntry("tcp", 1L);
    }

    @Test
    void badMagicOrAnOversizedFrameClosesTheConnection() throws Exception {
        pduListener = PduListener.start("127.0.0.1", 0, forwarder, stats, "10.1.2.3", 100);
        for (byte[] bad : List.of("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.UTF_8),
                Pdu.encode(Pdu.TYPE_METRICS, 1, json(0, 5).getBytes(StandardCharsets.UTF_8)))) {
            try (Socket s = new Socket("127.0.0.1", pduListener.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(bad);
                s.getOutputStream().flush();
                InputStream in = s.getInputStream();
                assertThat(in.read()).isEqualTo(-1); // the listener closed the connection
            }
        }
        assertThat(forwarded).isEmpty();
        // the listener still serves good streams
        try (Socket s = new Socket("127.0.0.1", pduListener.port())) {
            s.getOutputStream().write(Pdu.encode(Pdu.TYPE_METRICS, 1, json(0, 1).getBytes(StandardCharsets.UTF_8)));
            awaitForwarded(1);
        }
        assertThat(forwarded).hasSize(1);
    }

    private void awaitForwarded(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (forwarded.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
