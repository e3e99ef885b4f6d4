package io.sentrycloud.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's collectd (scripts/install-test-deps) sending to the Graphite and OpenTSDB telnet listeners with its
 * write_graphite and write_tsdb plugins; its exec plugin reports a known value, which must arrive unchanged.
 */
class CollectdIT {

    static final Path COLLECTD = Path.of("/usr/sbin/collectd");

    @TempDir
    Path data;

    SentryServer server;
    ServerClient client;
    Process collectd;
    Path work;

    @BeforeEach
    void start() throws IOException {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false",
                "--protocols.opentsdb_telnet_enabled=true", "--protocols.opentsdb_telnet_port=0",
                "--protocols.graphite_enabled=true", "--protocols.graphite_port=0"));
        client = new ServerClient(server.port());
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        if (collectd != null) {
            collectd.destroy();
            collectd.waitFor();
        }
        server.close();
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void writeGraphiteAndWriteTsdbDeliverTheValueSent() throws IOException, InterruptedException {
        assertThat(Files.isExecutable(COLLECTD)).as("collectd is installed by scripts/install-test-deps").isTrue();
        // collectd's exec plugin refuses to run programs as root: they run as nobody, from a directory it can read
        work = Files.createTempDirectory("sentry-collectd", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path script = work.resolve("putval.sh");
        Files.writeString(script, "#!/bin/sh\nwhile true; do\n"
                + "  echo 'PUTVAL \"sentryhost/exec-test/gauge-answer\" interval=1 N:42.5'\n  sleep 1\ndone\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = work.resolve("collectd.conf");
        Files.writeString(conf, """
                Hostname "sentryhost"
                FQDNLookup false
                Interval 1
                BaseDir "%1$s"
                PIDFile "%1$s/collectd.pid"
                TypesDB "/usr/share/collectd/types.db"
                LoadPlugin exec
                LoadPlugin write_graphite
                LoadPlugin write_tsdb
                <Plugin exec>
                  Exec "nobody" "%2$s"
                </Plugin>
                <Plugin write_graphite>
                  <Node "sentry">
                    Host "127.0.0.1"
                    Port "%3$d"
                    Protocol "tcp"
                    Prefix "collectd."
                  </Node>
                </Plugin>
                <Plugin write_tsdb>
                  <Node "sentry">
                    Host "127.0.0.1"
                    Port "%4$d"
                  </Node>
                </Plugin>
                """.formatted(work, script, server.protocols().graphitePort(),
                server.protocols().opentsdbTelnetPort()));
        collectd = new ProcessBuilder(COLLECTD.toString(), "-f", "-C", conf.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("collectd.log").toFile()).start();

        String graphite = "collectd.sentryhost.exec-test.gauge-answer";
        List<Double> viaGraphite = List.of();
        List<String> tsdbMetrics = List.of();
        // collectd writes every second; wait (bounded) until both plugins delivered, then compare the values
        for (int i = 0; i < 1200 && (viaGraphite.isEmpty() || tsdbMetrics.isEmpty()); i++) {
            Thread.sleep(100);
            viaGraphite = values(graphite);
            tsdbMetrics = names("exec");
        }
        assertThat(viaGraphite).as(Files.readString(work.resolve("collectd.log"))).isNotEmpty().containsOnly(42.5);
        assertThat(tsdbMetrics).as(Files.readString(work.resolve("collectd.log"))).isNotEmpty();
        assertThat(values(tsdbMetrics.get(0))).isNotEmpty().containsOnly(42.5);
    }

    private List<String> names(String prefix) {
        List<String> out = new ArrayList<>();
        client.post("/server/api/metrics", "{\"metric\":\"" + prefix + "\"}").data().forEach(n -> out.add(n.asText()));
        return out;
    }

    private List<Double> values(String metric) {
        ServerClient.Answer a = client.post("/server/api/range", "{\"last\":600,\"aggregator\":\"max\","
                + "\"metrics\":[{\"metric\":\"" + metric + "\",\"tags\":{}}]}");
        List<Double> values = new ArrayList<>();
        for (JsonNode line : a.data()) {
            line.get("dps").forEach(dp -> values.add(dp.get("v").asDouble()));
        }
        return values;
    }
}
