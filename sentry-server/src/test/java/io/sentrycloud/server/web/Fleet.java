package io.sentrycloud.server.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Real points pushed through the server's ingest API: a small fleet of hosts with a known shape per host. */
final class Fleet {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    Fleet(int port) {
        this.port = port;
    }

    /**
     * Pushes {@code metric} for each host over the last {@code seconds}, one point every {@code step} seconds;
     * host number i (from 0) has the value {@code 10 * (i + 1)} plus a slow wave, so every host is its own line.
     */
    void push(String metric, List<String> hosts, long seconds, long step) {
        long now = System.currentTimeMillis() / 1000;
        StringBuilder batch = new StringBuilder();
        int inBatch = 0;
        for (int i = 0; i < hosts.size(); i++) {
            for (long t = now - seconds; t <= now; t += step) {
                double v = 10 * (i + 1) + 3 * Math.sin(t / 600.0 + i);
                batch.append(batch.length() == 0 ? "[" : ",").append(String.format(Locale.ROOT,
                        "{\"metric\":\"%s\",\"tags\":{\"host\":\"%s\"},\"timestamp\":%d,\"value\":%.3f}",
                        metric, hosts.get(i), t, v));
                if (++inBatch == 50_000) {
                    post(batch.append(']').toString());
                    batch.setLength(0);
                    inBatch = 0;
                }
            }
        }
        if (inBatch > 0) {
            post(batch.append(']').toString());
        }
    }

    static List<String> hosts(int n) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hosts.add("host-" + (char) ('a' + i % 26) + (i >= 26 ? String.valueOf(i / 26) : ""));
        }
        return hosts;
    }

    private void post(String json) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/server/api/putMetrics"))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().contains("\"rejected\":0")) {
                throw new IllegalStateException("ingest refused the test points: " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
