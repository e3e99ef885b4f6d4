package io.sentrycloud.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.config.ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Influx, OpenTSDB (HTTP and telnet) and Graphite against a real server, each read back through /server/api/range. */
class LineProtocolsIT {

    @TempDir
    Path data;

    SentryServer server;
    ServerClient client;
    final long now = System.currentTimeMillis() / 1000 - 60;

    @BeforeEach
    void start() {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false",
                "--protocols.opentsdb_telnet_enabled=true", "--protocols.opentsdb_telnet_port=0",
                "--protocols.graphite_enabled=true", "--protocols.graphite_port=0",
                "--protocols.tcp_max_line_bytes=100"));
        client = new ServerClient(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void influxV1AndV2() {
        ServerClient.Answer v1 = client.post("/write?db=telegraf&precision=s",
                "cpu,host=a usage_user=1.5,usage_system=2i " + now + "\ncpu,host=b usage_user=3 " + now + "\n");
        assertThat(v1.status()).isEqualTo(204);
        ServerClient.Answer v2 = client.post("/api/v2/write?org=o&bucket=b&precision=ms",
                "cpu,host=a usage_user=4 " + (now + 10) * 1000);
        assertThat(v2.status()).isEqualTo(204);
        assertThat(dps("cpu.usage_user", "{\"host\":\"a\"}")).containsExactly(1.5, 4.0);
        assertThat(dps("cpu.usage_user", "{\"host\":\"b\"}")).containsExactly(3.0);
        assertThat(dps("cpu.usage_system", "{}")).containsExactly(2.0);

        ServerClient.Answer strings = client.post("/write?precision=s",
                "svc,host=a up=1i,state=\"ok\" " + now);
        assertThat(strings.status()).isEqualTo(200);
        assertThat(strings.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(strings.json().get("refused_strings").asInt()).isEqualTo(1);

        ServerClient.Answer partial = client.post("/api/v2/write?precision=s",
                "good v=7 " + now + "\nbad line\n");
        assertThat(partial.status()).isEqualTo(400);
        assertThat(partial.json().get("code").asText()).isEqualTo("invalid");
        assertThat(partial.json().get("message").asText()).startsWith("partial write: 1 of 2 fields rejected: "
                + "line 2: expected '=' after field key 'line'");
        assertThat(partial.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(dps("good.v", "{}")).containsExactly(7.0);

        assertThat(client.post("/write?precision=fortnight", "a v=1").json().get("error").asText())
                .contains("precision 'fortnight' is not one of");
        assertThat(client.get("/ping").status()).isEqualTo(204);
    }

    @Test
    void openTsdbHttpAnswers() {
        String one = "{\"metric\":\"tsdb.m\",\"timestamp\":" + now + ",\"value\":1,\"tags\":{\"host\":\"a\"}}";
        assertThat(client.post("/api/put", one).status()).isEqualTo(204);
        ServerClient.Answer summary = client.post("/api/put?summary",
                "[" + one.replace(":1,", ":2,").replace("" + now, "" + (now + 1)) + "]");
        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.json().toString()).isEqualTo("{\"failed\":0,\"success\":1}");
        ServerClient.Answer details = client.post("/api/put?details",
                "[" + one.replace(":1,", ":3,").replace("" + now, "" + (now + 2))
                        + ",{\"metric\":\"tsdb.m\",\"timestamp\":" + now + ",\"value\":\"x\"}]");
        assertThat(details.status()).isEqualTo(400);
        assertThat(details.json().get("success").asInt()).isEqualTo(1);
        assertThat(details.json().get("failed").asInt()).isEqualTo(1);
        assertThat(details.json().get("errors").get(0).get("error").asText())
                .isEqualTo("datapoint 1: value 'x' is not a number");
        assertThat(details.json().get("errors").get(0).get("datapoint").get("value").asText()).isEqualTo("x");
        ServerClient.Answer plain = client.post("/api/put", "[{\"metric\":\"\",\"timestamp\":1,\"value\":1}]");
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.json().get("error").get("message").asText())
                .startsWith("One or more data points had errors: 1 of 1 data points rejected");
        ServerClient.Answer broken = client.post("/api/put", "[{");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("error").get("message").asText()).isEqualTo("Unable to parse the given JSON");
        assertThat(dps("tsdb.m", "{\"host\":\"a\"}")).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void openTsdbTelnetAnswersOnlyBadLines() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.protocols().opentsdbTelnetPort())) {
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.write(("put tel.m " + now + " 5 host=a\r\nput tel.m oops 1\nput tel.m " + (now + 1) + " 6 host=a\n"
                    + "put " + "x".repeat(120) + "\nversion\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(in.readLine()).isEqualTo("put: line 2: invalid timestamp 'oops'");
            assertThat(in.readLine()).startsWith("put: line 4: the line is 124 bytes long");
            assertThat(in.readLine()).contains("OpenTSDB");
            out.write("exit\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(in.readLine()).isNull(); // exit closes the connection
        }
        assertThat(dps("tel.m", "{\"host\":\"a\"}")).containsExactly(5.0, 6.0);
    }

    @Test
    void graphitePlainAndTagged() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.protocols().graphitePort())) {
            s.getOutputStream().write(("carbon.a.cpu 1.25 " + now + "\nbogus\ncarbon.b;host=x;dc=eu 2 " + now
                    + "\n").getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            assertThat(s.getInputStream().read()).isEqualTo(-1); // the server flushes, then closes
        }
        assertThat(dps("carbon.a.cpu", "{}")).containsExactly(1.25);
        assertThat(dps("carbon.b", "{\"host\":\"x\",\"dc\":\"eu\"}")).containsExactly(2.0);
    }

    @Test
    void closingTheServerWritesWhatOpenConnectionsSent() throws IOException {
        Socket s = new Socket("127.0.0.1", server.protocols().graphitePort());
        try (s) {
            s.getOutputStream().write(("late.m 9 " + now + "\n").getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            // the line is read and flushed once nothing more is buffered; a range query shows it when it landed
            List<Double> seen = List.of();
            for (int i = 0; i < 200 && seen.isEmpty(); i++) {
                seen = dps("late.m", "{}");
            }
            assertThat(seen).containsExactly(9.0);
            server.close();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    private List<Double> dps(String metric, String tags) {
        ServerClient.Answer a = client.post("/server/api/range", "{\"start\":" + (now - 10) + ",\"end\":"
                + (now + 60) + ",\"aggregator\":\"sum\",\"metrics\":[{\"metric\":\"" + metric + "\",\"tags\":"
                + tags + "}]}");
        assertThat(a.code()).as(a.text()).isZero();
        List<Double> values = new ArrayList<>();
        for (JsonNode line : a.data()) {
            line.get("dps").forEach(dp -> values.add(dp.get("v").asDouble()));
        }
        return values;
    }
}
