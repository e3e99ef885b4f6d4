package io.sentrycloud.bench.server;

import io.sentrycloud.bench.data.AgentFleet;
import io.sentrycloud.tsdb.Point;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Pushes an agent-like fleet to running servers through {@code /server/api/putMetrics} (the original JSON, gzip'ed
 * as agents send it) from several connections, and reports the points per second the servers accepted. The request
 * bodies are encoded before the clock starts, so the figure is the servers' and their store's.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Points/s a running sentry_server accepts through /server/api/putMetrics.")
public final class PushCommand implements Callable<Integer> {

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    @Option(names = "--url", required = true, split = ",",
            description = "server base URLs, e.g. http://127.0.0.1:51001 (several: round-robin)")
    List<String> urls;

    @Option(names = "--hosts", defaultValue = "1000", description = "simulated hosts (default ${DEFAULT-VALUE})")
    int hosts;

    @Option(names = "--metrics", defaultValue = "50", description = "metrics per host (default ${DEFAULT-VALUE})")
    int metrics;

    @Option(names = "--rounds", defaultValue = "60", description = "rounds of 10 s (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--batch", defaultValue = "5000", description = "points per request (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--connections", defaultValue = "8", description = "requests in flight (default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        long now = System.currentTimeMillis();
        long start = now - rounds * 10_000L - 60_000L;
        AgentFleet fleet = new AgentFleet(new AgentFleet.Spec(hosts, metrics, 10_000, start - start % 60_000, seed));
        List<byte[]> bodies = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            List<Point> round = fleet.nextRound();
            for (int i = 0; i < round.size(); i += batch) {
                List<Point> part = round.subList(i, Math.min(round.size(), i + batch));
                bodies.add(gzipJson(part));
                sizes.add(part.size());
            }
        }
        long total = sizes.stream().mapToLong(Integer::longValue).sum();
        System.out.printf("push: %d hosts x %d metrics, %d rounds (%,d points) in %d requests of %d, %d connections"
                + " to %s%n", hosts, metrics, rounds, total, bodies.size(), batch, connections, urls);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < bodies.size()) {
                    String url = urls.get(i % urls.size()) + "/server/api/putMetrics";
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build();
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        Matcher m = ACCEPTED.matcher(r.body());
                        if (r.statusCode() == 200 && m.find()) {
                            accepted.addAndGet(Long.parseLong(m.group(1)));
                        } else {
                            failed.addAndGet(sizes.get(i));
                        }
                    } catch (IOException e) {
                        failed.addAndGet(sizes.get(i));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "push-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("accepted %,d points (%,d failed) in %.2f s: %,.0f points/s%n", accepted.get(),
                failed.get(), seconds, accepted.get() / seconds);
        return failed.get() == 0 ? 0 : 1;
    }

    /** A putMetrics body in the original's shape: {@code [{"metric":..,"tags":{..},"timestamp":ms,"value":v}]}. */
    static byte[] gzipJson(List<Point> points) throws IOException {
        StringBuilder sb = new StringBuilder(points.size() * 120).append('[');
        for (Point p : points) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append("{\"metric\":\"").append(p.series().metric()).append("\",\"tags\":{");
            boolean first = true;
            for (Map.Entry<String, String> t : p.series().tags().entrySet()) {
                sb.append(first ? "" : ",").append('"').append(t.getKey()).append("\":\"").append(t.getValue())
                        .append('"');
                first = false;
            }
            sb.append("},\"timestamp\":").append(p.timestamp()).append(",\"value\":").append(p.value()).append('}');
        }
        sb.append(']');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
