package io.sentrycloud.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.meta.store.MariaDbExtension;
import io.sentrycloud.server.storage.victoriametrics.VictoriaMetricsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out set-up of {@code docs/scaling.md} for real: VictoriaMetrics, MariaDB, two sentry_server processes
 * and haproxy in front of them, all on 127.0.0.1. Agents push through haproxy; one instance is killed with SIGKILL
 * mid-ingest; every point acknowledged to an agent must be in VictoriaMetrics, and queries through haproxy keep
 * answering from the surviving instance; a login made on one instance works on the other.
 */
class ScaleOutIT {

    @RegisterExtension
    static final MariaDbExtension MARIADB = new MariaDbExtension();

    private static final int AGENTS = 4;
    private static final int BATCHES_PER_AGENT = 40;
    private static final int HOSTS_PER_AGENT = 25;
    private static final int ROUNDS_PER_BATCH = 10;
    private static final String ADMIN_PASSWORD = "scale-out-test-pw";

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private VictoriaMetricsServer vm;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stopAll() {
        for (Process p : processes) {
            p.destroyForcibly();
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void everyAcknowledgedPointSurvivesTheKillOfAnInstance() throws Exception {
        vm = VictoriaMetricsServer.start();
        String db = MARIADB.server().newDatabase();
        int port1 = freePort();
        int port2 = freePort();
        // one after the other: the first creates the schema and the admin user, the second finds them
        Process first = startServer("s1", port1, db);
        awaitHealthy(port1, first);
        Process second = startServer("s2", port2, db);
        awaitHealthy(port2, second);
        int lb = freePort();
        startHaproxy(lb, port1, port2);
        awaitHealthy(lb, null);

        // a login on one instance is a session on every instance: sessions are rows in MariaDB, not in memory
        HttpResponse<String> login = send(port1, "POST", "/api/v1/login",
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}", Map.of());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = ServerClient.JSON.readTree(login.body()).at("/data/csrf_token").asText();
        HttpResponse<String> created = send(port2, "POST", "/api/v1/dashboards", "{\"name\":\"scale-out fleet\"}",
                Map.of("Cookie", cookie, "X-CSRF-Token", csrf));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        long base = System.currentTimeMillis() - 3_600_000L;
        base -= base % 1000;
        Map<String, Double> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger batchesDone = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> agents = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            int agent = a;
            long start = base;
            Thread t = new Thread(() -> pushAll(agent, start, lb, acknowledged, batchesDone, failures));
            t.start();
            agents.add(t);
        }
        // kill -9 the first instance once a quarter of the batches were acknowledged
        int quarter = AGENTS * BATCHES_PER_AGENT / 4;
        while (batchesDone.get() < quarter && agents.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(20);
        }
        long servedByFirst = acceptedPoints(port1);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        for (Thread t : agents) {
            t.join(TimeUnit.MINUTES.toMillis(5));
        }

        assertThat(batchesDone.get()).isEqualTo(AGENTS * BATCHES_PER_AGENT);
        assertThat(servedByFirst).as("haproxy sent points to the killed instance").isPositive();
        assertThat(acceptedPoints(port2)).as("and to the surviving one").isPositive();

        vm.flush();
        Map<String, Double> stored = exported();
        int expected = AGENTS * BATCHES_PER_AGENT * ROUNDS_PER_BATCH * HOSTS_PER_AGENT;
        assertThat(acknowledged).hasSize(expected);
        assertThat(stored).containsAllEntriesOf(acknowledged).hasSize(expected);

        // queries through haproxy: whichever instance answers, the same counts and the same dashboards
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> dashboards = send(lb, "GET", "/api/v1/dashboards", null, Map.of("Cookie", cookie));
            assertThat(dashboards.statusCode()).isEqualTo(200);
            assertThat(dashboards.body()).contains("scale-out fleet");
            JsonNode count = post(lb, "/server/api/range", """
                    {"start":%d,"end":%d,"aggregator":"count","down_sample":"1d",
                     "metrics":[{"metric":"scale_test","tags":{"agent":"*"}}]}"""
                    .formatted(base / 1000 - 86_400, base / 1000 + 86_400));
            assertThat(count.get("data")).hasSize(AGENTS);
            for (JsonNode line : count.get("data")) {
                double total = 0;
                for (JsonNode dp : line.get("dps")) {
                    total += dp.get("v").asDouble();
                }
                assertThat(total).isEqualTo(BATCHES_PER_AGENT * ROUNDS_PER_BATCH * HOSTS_PER_AGENT);
            }
        }
    }

    /**
     * One agent: batches of {@code ROUNDS_PER_BATCH} rounds of its hosts, each sent until acknowledged (as an agent
     * keeps points in its spool until the server took them).
     */
    private void pushAll(int agent, long base, int lb, Map<String, Double> acknowledged, AtomicInteger batchesDone,
                         AtomicInteger failures) {
        for (int b = 0; b < BATCHES_PER_AGENT; b++) {
            StringBuilder body = new StringBuilder("[");
            Map<String, Double> batch = new HashMap<>();
            for (int r = 0; r < ROUNDS_PER_BATCH; r++) {
                long ts = base + (b * ROUNDS_PER_BATCH + r) * 1000L;
                for (int h = 0; h < HOSTS_PER_AGENT; h++) {
                    String host = "a" + agent + "-h" + h;
                    double value = b * 1000 + r * 10 + h;
                    body.append(body.length() > 1 ? "," : "").append("""
                            {"metric":"scale_test","tags":{"agent":"%d","host":"%s"},"timestamp":%d,"value":%s}"""
                            .formatted(agent, host, ts, value));
                    batch.put(host + "@" + ts, value);
                }
            }
            body.append(']');
            while (true) {
                try {
                    JsonNode answer = post(lb, "/server/api/putMetrics", body.toString());
                    if (answer != null && answer.path("data").path("accepted").asInt() == batch.size()) {
                        acknowledged.putAll(batch);
                        batchesDone.incrementAndGet();
                        break;
                    }
                } catch (IOException e) {
                    // the instance died under the request: not acknowledged, so the agent sends it again
                }
                failures.incrementAndGet();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** host@timestamp → value of every scale_test point in VictoriaMetrics. */
    private Map<String, Double> exported() throws IOException {
        String text = vm.get("/api/v1/export?match[]=scale_test");
        Map<String, Double> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode series = ServerClient.JSON.readTree(line);
            String host = series.at("/metric/host").asText();
            JsonNode values = series.get("values");
            JsonNode timestamps = series.get("timestamps");
            for (int i = 0; i < values.size(); i++) {
                out.put(host + "@" + timestamps.get(i).asLong(), values.get(i).asDouble());
            }
        }
        return out;
    }

    private long acceptedPoints(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.body().lines().filter(l -> l.startsWith("sentry_server_data_points_total"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private JsonNode post(int port, String path, String body) throws IOException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? ServerClient.JSON.readTree(r.body()) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private HttpResponse<String> send(int port, String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Process startServer(String name, int port, String db) throws IOException {
        Path data = Files.createDirectories(dir.resolve(name));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.sentrycloud.server.Main", "--http.host=127.0.0.1", "--http.port=" + port,
                "--storage.data_dir=" + data, "--storage.type=victoriametrics",
                "--storage.vm_write_url=" + vm.url(), "--storage.vm_read_url=" + vm.url(),
                "--meta.type=mariadb", "--meta.url=" + db, "--meta.user=root", "--self_monitor.enabled=false",
                "--auth.admin_password=" + ADMIN_PASSWORD, "--pdu.port=0");
        Process p = new ProcessBuilder(cmd).directory(data.toFile()).redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile()).start();
        processes.add(p);
        return p;
    }

    private void startHaproxy(int port, int port1, int port2) throws IOException {
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, """
                global
                    maxconn 1000
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    retries 3
                    option redispatch
                frontend sentry
                    bind 127.0.0.1:%d
                    default_backend sentry_servers
                backend sentry_servers
                    balance roundrobin
                    option httpchk GET /health
                    http-check expect status 200
                    default-server inter 500ms fall 2 rise 2
                    server s1 127.0.0.1:%d check
                    server s2 127.0.0.1:%d check
                """.formatted(port, port1, port2));
        Process p = new ProcessBuilder(haproxy(), "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        processes.add(p);
    }

    private void awaitHealthy(int port, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("sentry_server on port " + port + " exited: " + logs());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("nothing healthy on port " + port + ": " + logs());
    }

    private String logs() {
        try (Stream<Path> files = Files.walk(dir)) {
            StringBuilder sb = new StringBuilder();
            for (Path f : files.filter(f -> f.toString().endsWith(".log")).sorted(Comparator.naturalOrder()).toList()) {
                List<String> lines = Files.readAllLines(f);
                sb.append("\n--- ").append(f).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String haproxy() {
        for (String d : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin")) {
            if (Files.isExecutable(Path.of(d, "haproxy"))) {
                return d + "/haproxy";
            }
        }
        return "haproxy";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
