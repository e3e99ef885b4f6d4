package io.sentrycloud.server.storage.victoriametrics;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real VictoriaMetrics single node for tests (Debian's {@code victoria-metrics}): a temporary
 * {@code -storageDataPath}, 127.0.0.1 and a free port, no query latency offset and no cache so what was flushed is
 * what a query sees. {@link #close} stops it and deletes its directory.
 */
public final class VictoriaMetricsServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path dir;
    private final Process process;
    private final int port;
    private final String authorization;

    private VictoriaMetricsServer(Path dir, Process process, int port, String authorization) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.authorization = authorization;
    }

    /** Starts a server and waits until {@code /health} answers. */
    public static VictoriaMetricsServer start() {
        return start(null, null);
    }

    /**
     * Starts a server that wants HTTP basic auth ({@code -httpAuth.*}) when {@code user} is not null, and waits until
     * {@code /health} answers.
     */
    public static VictoriaMetricsServer start(String user, String password) {
        try {
            Path dir = Files.createTempDirectory("sentry-vm-");
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of(binary(), "-storageDataPath=" + dir.resolve("data"),
                    "-httpListenAddr=127.0.0.1:" + port, "-search.latencyOffset=0s", "-search.disableCache",
                    "-retentionPeriod=1y", "-loggerLevel=WARN"));
            String authorization = null;
            if (user != null) {
                cmd.add("-httpAuth.username=" + user);
                cmd.add("-httpAuth.password=" + password);
                authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("vm.log").toFile()).start();
            VictoriaMetricsServer server = new VictoriaMetricsServer(dir, p, port, authorization);
            server.awaitHealthy();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The {@code Authorization} header value this server wants, or null. */
    public String authorization() {
        return authorization;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    /** Makes every acknowledged point searchable (VictoriaMetrics otherwise flushes about every second). */
    public void flush() {
        String body = get("/internal/force_flush");
        if (body == null) {
            throw new IllegalStateException("VictoriaMetrics did not flush");
        }
    }

    /** A page's body, or null when the server did not answer 2xx. */
    public String get(String path) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30));
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() / 100 == 2 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("victoria-metrics exited with " + process.exitValue() + ": "
                        + tail(dir.resolve("vm.log")));
            }
            if ("OK".equals(get("/health"))) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("victoria-metrics did not become healthy on port " + port);
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s) and deletes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is not worth failing the run for
        }
    }

    private static String binary() {
        for (String d : List.of("/usr/bin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(d, "victoria-metrics"))) {
                return d + "/victoria-metrics";
            }
        }
        return "victoria-metrics";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
