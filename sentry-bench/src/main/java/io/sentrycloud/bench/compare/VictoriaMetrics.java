package io.sentrycloud.bench.compare;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A VictoriaMetrics single-node process on 127.0.0.1 with its own data directory (Debian's package installs the
 * binary; nothing is downloaded). Started, killed with SIGKILL and restarted on the same directory.
 */
final class VictoriaMetrics implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/victoria-metrics");

    private final Path dataDir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    VictoriaMetrics(Path dataDir) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's victoria-metrics package "
                    + "(scripts/install-test-deps does)");
        }
        this.dataDir = dataDir;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
    }

    /** Starts the process and returns the nanoseconds until it answers {@code /health}. */
    long start() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        process = new ProcessBuilder(List.of(BINARY.toString(), "-storageDataPath=" + dataDir,
                "-httpListenAddr=127.0.0.1:" + port, "-retentionPeriod=100y", "-search.latencyOffset=0s",
                "-search.disableCache", "-loggerLevel=ERROR"))
                .redirectErrorStream(true).redirectOutput(dataDir.resolveSibling("victoria-metrics.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("victoria-metrics exited with " + process.exitValue() + "; see "
                        + dataDir.resolveSibling("victoria-metrics.log"));
            }
            try {
                if (get("/health").statusCode() == 200) {
                    return System.nanoTime() - t0;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IOException("victoria-metrics did not come up within 5 minutes");
    }

    /** SIGKILL, as a crash would. */
    void kill() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start().waitFor();
        process.waitFor();
    }

    long pid() {
        return process.pid();
    }

    void write(String lines) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/write?precision=ms"))
                .POST(HttpRequest.BodyPublishers.ofString(lines)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("victoria-metrics /write answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Makes buffered rows searchable and persisted, then merges parts, so disk size is the settled one. */
    void settle() throws IOException, InterruptedException {
        get("/internal/force_flush");
        get("/internal/force_merge");
    }

    String queryRange(String promql, long startMillis, long endMillis, long stepMillis)
            throws IOException, InterruptedException {
        String q = "/api/v1/query_range?nocache=1&query=" + java.net.URLEncoder.encode(promql,
                java.nio.charset.StandardCharsets.UTF_8) + "&start=" + startMillis / 1000.0 + "&end="
                + endMillis / 1000.0 + "&step=" + stepMillis / 1000 + "s";
        HttpResponse<String> r = get(q);
        if (r.statusCode() != 200) {
            throw new IOException("victoria-metrics query answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
