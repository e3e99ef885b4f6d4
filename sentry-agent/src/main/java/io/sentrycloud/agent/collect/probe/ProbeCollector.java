package io.sentrycloud.agent.collect.probe;

import io.sentrycloud.agent.collect.Collector;
import io.sentrycloud.agent.collect.PointSink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Probes every round: an HTTP(S) GET (up when it answers below 400; redirects are followed) or a TCP connect.
 * Reports {@code sentry_probe_up} (1/0) and {@code sentry_probe_latency_ms} for each target, and
 * {@code sentry_probe_http_status} for HTTP ones; a failed probe is a 0, not an error of the collector.
 */
public final class ProbeCollector implements Collector {

    private final List<URI> httpTargets;
    private final List<String> tcpTargets;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param httpTargets URLs to GET
     * @param tcpTargets  {@code host:port} to connect to
     */
    public ProbeCollector(List<URI> httpTargets, List<String> tcpTargets, Duration timeout) {
        for (String t : tcpTargets) {
            hostPort(t);
        }
        this.httpTargets = List.copyOf(httpTargets);
        this.tcpTargets = List.copyOf(tcpTargets);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public void collect(PointSink out) {
        for (URI target : httpTargets) {
            Map<String, String> tags = Map.of("target", target.toString(), "type", "http");
            long t0 = System.nanoTime();
            int status;
            try {
                status = http.send(HttpRequest.newBuilder(target).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            out.add("sentry_probe_up", tags, status > 0 && status < 400 ? 1 : 0);
            out.add("sentry_probe_http_status", tags, status);
            if (status > 0) {
                out.add("sentry_probe_latency_ms", tags, ms);
            }
        }
        for (String target : tcpTargets) {
            Map<String, String> tags = Map.of("target", target, "type", "tcp");
            long t0 = System.nanoTime();
            boolean up;
            try (Socket s = new Socket()) {
                s.connect(hostPort(target), (int) timeout.toMillis());
                up = true;
            } catch (IOException e) {
                up = false;
            }
            out.add("sentry_probe_up", tags, up ? 1 : 0);
            if (up) {
                out.add("sentry_probe_latency_ms", tags, (System.nanoTime() - t0) / 1e6);
            }
        }
    }

    static InetSocketAddress hostPort(String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw new IllegalArgumentException("a TCP probe target is host:port, got '" + target + "'");
        }
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a TCP probe target is host:port, got '" + target + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("TCP probe target '" + target + "': port must be 1..65535");
        }
        return new InetSocketAddress(target.substring(0, colon), port); // resolved on each probe
    }
}
