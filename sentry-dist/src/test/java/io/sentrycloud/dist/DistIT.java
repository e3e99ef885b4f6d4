package io.sentrycloud.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarballs as a user gets them: unpacked with tar, started through their scripts, the agent's host metrics
 * queried back from the server, both stopped with SIGTERM.
 */
class DistIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void unpack() throws Exception {
        Path dist = Path.of(System.getProperty("dist.dir", "target"));
        for (String name : List.of("sentry_server", "sentry_agent")) {
            Path tarball = dist.resolve(name + ".tar.gz");
            assertThat(tarball).exists();
            Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", dir.toString())
                    .redirectErrorStream(true).start();
            assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes())).isZero();
            assertThat(dir.resolve(name).resolve(name)).isExecutable();
            assertThat(dir.resolve(name).resolve("conf").resolve(name + ".yaml")).isRegularFile();
            try (var jars = Files.list(dir.resolve(name).resolve("lib"))) {
                assertThat(jars.filter(j -> j.toString().endsWith(".jar")).count()).isGreaterThan(3);
            }
        }
        assertThat(dir.resolve("sentry_agent/sentry_agent.service")).isRegularFile();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : started) {
            stop(p);
        }
    }

    @Test
    void theAgentsHostMetricsReachTheServerAndBothStopCleanly() throws Exception {
        int port = freePort();
        Path serverLog = dir.resolve("server.log");
        Process server = start(serverLog, dir.resolve("sentry_server/sentry_server").toString(),
                "--storage.data_dir=" + dir.resolve("data"), "--http.host=127.0.0.1", "--http.port=" + port);
        awaitHealth(port, server, serverLog);

        Path agentLog = dir.resolve("agent.log");
        Process agent = start(agentLog, dir.resolve("sentry_agent/sentry_agent").toString(),
                "--server_url=http://127.0.0.1:" + port, "--interval_seconds=2",
                // the local listeners' fixed ports (50000, 50001) may be taken on a shared machine
                "--listeners.http_port=0", "--listeners.tcp_port=0");

        String query = "{\"last\":300,\"aggregator\":\"avg\",\"down_sample\":2,"
                + "\"metrics\":[{\"metric\":\"sentry_sys_cpu_usage\",\"tags\":{}}]}";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode data = post(port, "/server/api/range", query);
        while (data.get(0).get("dps").isEmpty() && System.nanoTime() < deadline && agent.isAlive()) {
            Thread.sleep(250);
            data = post(port, "/server/api/range", query);
        }
        assertThat(data.get(0).get("dps").size()).as("agent log:\n" + Files.readString(agentLog)).isPositive();
        assertThat(data.get(0).get("dps").get(0).get("v").asDouble()).isBetween(0.0, 100.0);
        // the agent's spool is inside its own folder (the relative default)
        assertThat(dir.resolve("sentry_agent/spool")).isDirectory();

        assertThat(stop(agent)).isTrue();
        assertThat(stop(server)).isTrue();
        assertThat(Files.readString(serverLog)).contains("sentry_server stopped");
        assertThat(Files.readString(agentLog)).contains("sentry_agent stopped");
    }

    @Test
    void onceAndPrintIsADryRunAndBadConfigurationSaysWhy() throws Exception {
        Path out = dir.resolve("once.out");
        Process once = new ProcessBuilder(dir.resolve("sentry_agent/sentry_agent").toString(), "--once", "--print",
                "--tags.dc=dry").redirectOutput(out.toFile()).redirectError(dir.resolve("once.err").toFile())
                .start();
        started.add(once);
        assertThat(once.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(once.exitValue()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(JSON.readTree(l).get("tags").get("dc").asText())
                .isEqualTo("dry"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("{\"metric\":\"sentry_sys_cpu_usage\","));

        Process bad = new ProcessBuilder(dir.resolve("sentry_agent/sentry_agent").toString(),
                "--interval_seconds=-1").redirectErrorStream(true).start();
        started.add(bad);
        assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(2);
        assertThat(new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("interval_seconds must be between 1 and 86400");
    }

    private Process start(Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    /** SIGTERM to the process tree, waiting up to 20 s; then SIGKILL. True when it ended on SIGTERM. */
    private static boolean stop(Process p) throws InterruptedException {
        if (!p.isAlive()) {
            return true;
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        boolean ended = p.waitFor(20, TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
        return ended;
    }

    private void awaitHealth(int port, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("sentry_server did not become healthy; log:\n" + Files.readString(log));
    }

    private JsonNode post(int port, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("data");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
