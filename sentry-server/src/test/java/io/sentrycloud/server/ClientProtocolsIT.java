package io.sentrycloud.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Clock;
import io.micrometer.influx.InfluxConfig;
import io.micrometer.influx.InfluxMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.server.ingest.wire.ProtoWriter;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/**
 * The binary protocols against a real server, sent by real client libraries where there is one (the OpenTelemetry
 * SDK's OTLP exporter, Micrometer's Influx registry, snappy-java's compressor), read back through /server/api/range.
 */
class ClientProtocolsIT {

    @TempDir
    Path data;

    SentryServer server;
    ServerClient client;
    final long now = System.currentTimeMillis();

    @BeforeEach
    void start() {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false"));
        client = new ServerClient(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void prometheusRemoteWrite() throws IOException {
        byte[] request = new ProtoWriter()
                .message(1, series(Map.of("__name__", "node_load1", "instance", "h1:9100", "job", "node"),
                        new double[] {0.5, 0.75}, new long[] {now - 15_000, now}))
                .message(1, series(Map.of("__name__", "node_load1", "instance", "h2:9100", "job", "node"),
                        new double[] {2}, new long[] {now}))
                .toByteArray();
        ServerClient.Answer a = client.send(client.request("/api/v1/write")
                .setHeader("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(request))).build());
        assertThat(a.status()).as(a.text()).isEqualTo(204);
        assertThat(values("node_load1", "{\"instance\":\"h1:9100\",\"job\":\"node\"}")).containsExactly(0.5, 0.75);
        assertThat(values("node_load1", "{\"instance\":\"h2:9100\"}")).containsExactly(2.0);

        byte[] bad = new ProtoWriter().message(1, series(Map.of("__name__", "x y"), new double[] {1},
                new long[] {now})).toByteArray();
        ServerClient.Answer refused = client.send(client.request("/api/v1/write")
                .header("Content-Encoding", "snappy")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(bad))).build());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).startsWith("1 of 1 samples rejected: series 0 (x y) sample 0: metric 'x y'");
        ServerClient.Answer garbage = client.send(client.request("/api/v1/write")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {5, 1, 2})).build());
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.text()).startsWith("cannot decode the remote write request: corrupt snappy block");
    }

    @Test
    void openTelemetrySdkExporter() {
        OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder()
                .setEndpoint("http://127.0.0.1:" + server.port() + "/v1/metrics").build();
        SdkMeterProvider provider = SdkMeterProvider.builder()
                .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "checkout")))
                .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build())
                .build();
        try {
            Meter meter = provider.get("it");
            LongCounter orders = meter.counterBuilder("orders").build();
            orders.add(5, Attributes.of(AttributeKey.stringKey("region"), "eu"));
            orders.add(3, Attributes.of(AttributeKey.stringKey("region"), "eu"));
            DoubleHistogram latency = meter.histogramBuilder("latency").setExplicitBucketBoundariesAdvice(
                    List.of(0.5, 5.0)).build();
            latency.record(0.25);
            latency.record(2);
            latency.record(7);
            meter.gaugeBuilder("temperature").buildWithCallback(m -> m.record(21.5));
        } finally {
            // shutting down exports once more, then stops: exactly one export
            assertThat(provider.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        assertThat(values("orders", "{\"region\":\"eu\",\"service_name\":\"checkout\"}")).containsExactly(8.0);
        assertThat(values("temperature", "{\"service_name\":\"checkout\"}")).containsExactly(21.5);
        assertThat(values("latency_count", "{}")).containsExactly(3.0);
        assertThat(values("latency_sum", "{}")).containsExactly(9.25);
        assertThat(values("latency_bucket", "{\"le\":\"0.5\"}")).containsExactly(1.0);
        assertThat(values("latency_bucket", "{\"le\":\"5\"}")).containsExactly(2.0);
        assertThat(values("latency_bucket", "{\"le\":\"+Inf\"}")).containsExactly(3.0);
    }

    @Test
    void otlpJsonAndItsErrors() {
        long nanos = now * 1_000_000;
        ServerClient.Answer ok = client.post("/v1/metrics", """
                {"resourceMetrics":[{"resource":{"attributes":[{"key":"host.name","value":{"stringValue":"web1"}}]},
                 "scopeMetrics":[{"metrics":[{"name":"queue.depth","gauge":{"dataPoints":[
                   {"timeUnixNano":"%d","asInt":"12"},{"timeUnixNano":"%d","asDouble":"NaN"}]}}]}]}]}"""
                .formatted(nanos, nanos));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("partialSuccess").get("rejectedDataPoints").asText()).isEqualTo("1");
        assertThat(ok.json().get("partialSuccess").get("errorMessage").asText())
                .contains("metric 'queue.depth' point 1: value NaN is not a finite number");
        assertThat(values("queue.depth", "{\"host_name\":\"web1\"}")).containsExactly(12.0);

        ServerClient.Answer broken = client.post("/v1/metrics", "{\"resourceMetrics\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("code").asInt()).isEqualTo(3);
        ServerClient.Answer wrongType = client.send(client.request("/v1/metrics").setHeader("Content-Type",
                "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(wrongType.status()).isEqualTo(415);
    }

    @Test
    void micrometerInfluxRegistry() {
        AtomicInteger queue = new AtomicInteger(17);
        InfluxConfig config = new InfluxConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public String uri() {
                return "http://127.0.0.1:" + server.port();
            }

            @Override
            public boolean autoCreateDb() {
                return false;
            }

            @Override
            public Duration step() {
                return Duration.ofHours(1);
            }
        };
        InfluxMeterRegistry registry = new InfluxMeterRegistry(config, Clock.SYSTEM);
        registry.gauge("app.queue", List.of(io.micrometer.core.instrument.Tag.of("region", "eu")), queue);
        registry.close(); // publishes once more on close
        assertThat(values("app_queue.value", "{\"region\":\"eu\",\"metric_type\":\"gauge\"}"))
                .containsExactly(17.0);
    }

    private static ProtoWriter series(Map<String, String> labels, double[] values, long[] times) {
        ProtoWriter ts = new ProtoWriter();
        labels.forEach((k, v) -> ts.message(1, new ProtoWriter().string(1, k).string(2, v)));
        for (int i = 0; i < values.length; i++) {
            ts.message(2, new ProtoWriter().doubleValue(1, values[i]).varint(2, times[i]));
        }
        return ts;
    }

    private List<Double> values(String metric, String tags) {
        ServerClient.Answer a = client.post("/server/api/range", "{\"last\":600,\"aggregator\":\"sum\","
                + "\"metrics\":[{\"metric\":\"" + metric + "\",\"tags\":" + tags + "}]}");
        assertThat(a.code()).as(a.text()).isZero();
        List<Double> values = new ArrayList<>();
        for (JsonNode line : a.data()) {
            line.get("dps").forEach(dp -> values.add(dp.get("v").asDouble()));
        }
        return values;
    }
}
