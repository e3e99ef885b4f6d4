package io.sentrycloud.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.server.ingest.wire.ProtoWriter;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/** The ingest limits (body size, points per request, tags per point) hold for every protocol, in its own answer. */
class ProtocolLimitsIT {

    @TempDir
    Path data;

    SentryServer server;
    ServerClient client;
    final long now = System.currentTimeMillis() / 1000;

    @BeforeEach
    void start() {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false", "--http.max_body_bytes=4096",
                "--ingest.max_points_per_request=5", "--ingest.max_tags=2"));
        client = new ServerClient(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void influx() {
        ServerClient.Answer tooMany = client.post("/write?precision=s", "m a=1,b=2,c=3,d=4,e=5,f=6 " + now);
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().get("error").asText()).contains("more than 5 points");
        ServerClient.Answer tooLarge = client.post("/api/v2/write", "m v=1\n".repeat(1000));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("message").asText()).contains("larger than the limit of 4096 bytes");
        ServerClient.Answer tags = client.post("/write?precision=s", "m,a=1,b=2,c=3 v=1 " + now);
        assertThat(tags.status()).isEqualTo(400);
        assertThat(tags.json().get("error").asText()).contains("point has 3 tags; at most 2");
        assertThat(client.post("/server/api/metrics", "{}").data()).isEmpty(); // nothing stored by any of them
    }

    @Test
    void openTsdb() {
        String point = "{\"metric\":\"m\",\"timestamp\":" + now + ",\"value\":1}";
        ServerClient.Answer tooMany = client.post("/api/put?details", "[" + String.join(",",
                java.util.Collections.nCopies(6, point)) + "]");
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().get("error").get("message").asText()).contains("more than 5 points");
    }

    @Test
    void remoteWriteAndOtlp() throws IOException {
        ProtoWriter series = new ProtoWriter().message(1, new ProtoWriter().string(1, "__name__").string(2, "m"));
        for (int i = 0; i < 6; i++) {
            series.message(2, new ProtoWriter().doubleValue(1, i).varint(2, now * 1000 - i));
        }
        ServerClient.Answer rw = client.send(client.request("/api/v1/write").header("Content-Encoding", "snappy")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(new ProtoWriter().message(1, series)
                        .toByteArray()))).build());
        assertThat(rw.status()).isEqualTo(413);
        assertThat(rw.text()).contains("more than 5 points");

        // a tiny snappy block that claims to inflate past the body limit is refused before allocating
        ServerClient.Answer bomb = client.send(client.request("/api/v1/write").header("Content-Encoding", "snappy")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0x80, (byte) 0x80, 0x40, 0}))
                .build());
        assertThat(bomb.status()).isEqualTo(400);
        assertThat(bomb.text()).contains("more than the limit of 4096");

        StringBuilder points = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            points.append(i == 0 ? "" : ",").append("{\"timeUnixNano\":\"").append(now * 1_000_000_000L)
                    .append("\",\"asDouble\":").append(i).append('}');
        }
        ServerClient.Answer otlp = client.post("/v1/metrics", "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":"
                + "[{\"name\":\"m\",\"gauge\":{\"dataPoints\":[" + points + "]}}]}]}]}");
        assertThat(otlp.status()).isEqualTo(413);
        assertThat(otlp.json().get("message").asText()).contains("more than 5 points");
    }
}
