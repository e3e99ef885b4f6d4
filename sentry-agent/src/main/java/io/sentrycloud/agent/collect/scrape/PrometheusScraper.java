package io.sentrycloud.agent.collect.scrape;

import io.sentrycloud.agent.collect.Collector;
import io.sentrycloud.agent.collect.PointSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Scrapes one Prometheus text endpoint every round and reports every sample under its own name, its labels as tags
 * plus {@code instance} (the endpoint's host:port), as Prometheus itself would label it; at most
 * {@code maxSamples} per scrape (the rest is dropped and counted). {@code sentry_scrape_up},
 * {@code sentry_scrape_samples} and {@code sentry_scrape_duration_ms} describe the scrape itself.
 */
public final class PrometheusScraper implements Collector {

    private final URI url;
    private final Duration timeout;
    private final int maxSamples;
    private final String instance;
    private final HttpClient http;

    public PrometheusScraper(URI url, Duration timeout, int maxSamples) {
        if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
            throw new IllegalArgumentException("a Prometheus endpoint is an http(s) URL, got " + url);
        }
        this.url = url;
        this.timeout = timeout;
        this.maxSamples = maxSamples;
        this.instance = url.getHost() + ":" + (url.getPort() > 0 ? url.getPort()
                : url.getScheme().equals("https") ? 443 : 80);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "scrape " + url;
    }

    @Override
    public void collect(PointSink out) throws IOException, InterruptedException {
        Map<String, String> selfTags = Map.of("instance", instance);
        long t0 = System.nanoTime();
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Accept", "text/plain;version=0.0.4").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            out.add("sentry_scrape_up", selfTags, 0);
            throw e;
        }
        if (r.statusCode() != 200) {
            out.add("sentry_scrape_up", selfTags, 0);
            throw new IOException(url + " answered HTTP " + r.statusCode());
        }
        int[] errors = new int[1];
        var samples = PrometheusText.parse(r.body(), errors);
        int n = 0;
        for (PrometheusText.Sample s : samples) {
            if (n++ >= maxSamples) {
                break;
            }
            Map<String, String> tags = new HashMap<>(s.labels());
            tags.put("instance", instance);
            out.add(s.metric(), tags, s.value());
        }
        out.add("sentry_scrape_up", selfTags, 1);
        out.add("sentry_scrape_samples", selfTags, samples.size());
        out.add("sentry_scrape_dropped", selfTags, Math.max(0, samples.size() - maxSamples) + errors[0]);
        out.add("sentry_scrape_duration_ms", selfTags, (System.nanoTime() - t0) / 1e6);
    }
}
