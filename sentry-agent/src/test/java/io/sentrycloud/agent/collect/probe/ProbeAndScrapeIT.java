package io.sentrycloud.agent.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.sentrycloud.agent.collect.Round;
import io.sentrycloud.agent.collect.scrape.PrometheusScraper;
import io.sentrycloud.sdk.MetricPoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP/TCP probes and the Prometheus scraper against a real HTTP server on 127.0.0.1. */
class ProbeAndScrapeIT {

    HttpServer server;
    String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/ok", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/broken", ex -> {
            ex.sendResponseHeaders(503, -1);
            ex.close();
        });
        server.createContext("/metrics", ex -> {
            byte[] body = ("# TYPE app_jobs gauge\napp_jobs{queue=\"mail\"} 4\napp_jobs{queue=\"sms\"} 6\n"
                    + "app_up 1\n").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void probesReportUpLatencyAndStatus() throws Exception {
        int closed = freePort();
        ProbeCollector probes = new ProbeCollector(List.of(URI.create(base + "/ok"), URI.create(base + "/broken"),
                URI.create("http://127.0.0.1:" + closed + "/")),
                List.of("127.0.0.1:" + server.getAddress().getPort(), "127.0.0.1:" + closed), Duration.ofSeconds(2));
        Round r = new Round(1, Map.of());
        probes.collect(r);
        assertThat(value(r, "sentry_probe_up", base + "/ok")).isEqualTo(1);
        assertThat(value(r, "sentry_probe_http_status", base + "/ok")).isEqualTo(200);
        assertThat(value(r, "sentry_probe_latency_ms", base + "/ok")).isPositive();
        assertThat(value(r, "sentry_probe_up", base + "/broken")).isZero();
        assertThat(value(r, "sentry_probe_http_status", base + "/broken")).isEqualTo(503);
        assertThat(value(r, "sentry_probe_up", "http://127.0.0.1:" + closed + "/")).isZero();
        assertThat(value(r, "sentry_probe_up", "127.0.0.1:" + server.getAddress().getPort())).isEqualTo(1);
        assertThat(value(r, "sentry_probe_up", "127.0.0.1:" + closed)).isZero();
        assertThat(r.points()).filteredOn(p -> p.tags().get("target").equals("127.0.0.1:" + closed))
                .allSatisfy(p -> assertThat(p.tags()).containsEntry("type", "tcp"));
        assertThatThrownBy(() -> new ProbeCollector(List.of(), List.of("nohost"), Duration.ofSeconds(1)))
                .hasMessageContaining("host:port");
    }

    @Test
    void scraperPushesEverySampleWithItsLabelsAndInstance() throws Exception {
        String instance = "127.0.0.1:" + server.getAddress().getPort();
        Round r = new Round(1, Map.of("host", "h"));
        new PrometheusScraper(URI.create(base + "/metrics"), Duration.ofSeconds(2), 2).collect(r);
        assertThat(r.points()).filteredOn(p -> p.metric().equals("app_jobs"))
                .extracting(p -> p.tags().get("queue"), MetricPoint::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mail", 4.0),
                        org.assertj.core.groups.Tuple.tuple("sms", 6.0));
        assertThat(r.points()).allSatisfy(p -> assertThat(p.tags()).containsEntry("instance", instance)
                .containsEntry("host", "h"));
        // max_samples = 2: the third sample is dropped and counted
        assertThat(r.points()).noneMatch(p -> p.metric().equals("app_up"));
        assertThat(value(r, "sentry_scrape_dropped", null)).isEqualTo(1);
        assertThat(value(r, "sentry_scrape_up", null)).isEqualTo(1);

        Round missing = new Round(1, Map.of());
        assertThatThrownBy(() -> new PrometheusScraper(URI.create(base + "/nothing"), Duration.ofSeconds(2), 10)
                .collect(missing)).hasMessageContaining("HTTP 404");
        assertThat(value(missing, "sentry_scrape_up", null)).isZero();
    }

    private static double value(Round r, String metric, String target) {
        return r.points().stream().filter(p -> p.metric().equals(metric)
                        && (target == null || target.equals(p.tags().get("target"))))
                .findFirst().orElseThrow(() -> new AssertionError(metric + " " + target + " missing: " + r.points()))
                .value();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
