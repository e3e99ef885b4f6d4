package io.sentrycloud.server.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.server.ingest.PointBatch;
import io.sentrycloud.server.ingest.PointCollector;
import io.sentrycloud.server.ingest.PointError;
import io.sentrycloud.server.ingest.PointRules;
import io.sentrycloud.server.ingest.wire.ProtoWriter;
import io.sentrycloud.server.ingest.wire.WireFormatException;
import io.sentrycloud.tsdb.Point;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpParserTest {

    static final long NOW = 1_700_000_000_000L;
    static final long NANOS = NOW * 1_000_000;
    final PointRules rules = new PointRules(ServerConfig.defaults().ingest(), 60,
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    final PointCollector out = new PointCollector(rules, "9.9.9.9", 1000);

    static ProtoWriter attr(String key, String value) {
        return new ProtoWriter().string(1, key).message(2, new ProtoWriter().string(1, value));
    }

    @Test
    void protobufGaugesSumsHistogramsAndResourceTags() {
        ProtoWriter gauge = new ProtoWriter().string(1, "jvm.memory.used")
                .message(5, new ProtoWriter().message(1, new ProtoWriter()
                        .message(7, attr("area", "heap")).fixed64(3, NANOS).doubleValue(4, 1024.5)));
        ProtoWriter sum = new ProtoWriter().string(1, "requests")
                .message(7, new ProtoWriter()
                        .message(1, new ProtoWriter().fixed64(3, NANOS).fixed64(6, 42))
                        .message(1, new ProtoWriter().fixed64(3, NANOS).fixed64(6, 7).varint(8, 1)) // no value
                        .varint(2, 1));
        ProtoWriter histogramPoint = new ProtoWriter().fixed64(3, NANOS).fixed64(4, 6).doubleValue(5, 12.5)
                .bytes(6, packed(1, 2, 3)).bytes(7, packedDoubles(0.5, 10));
        ProtoWriter histogram = new ProtoWriter().string(1, "latency")
                .message(9, new ProtoWriter().message(1, histogramPoint).varint(2, 2));
        ProtoWriter exponential = new ProtoWriter().string(1, "expo")
                .message(10, new ProtoWriter().message(1, new ProtoWriter().fixed64(3, NANOS)));
        byte[] req = new ProtoWriter().message(1, new ProtoWriter()
                .message(2, new ProtoWriter().message(1, new ProtoWriter().string(1, "scope"))
                        .message(2, gauge).message(2, sum).message(2, histogram).message(2, exponential))
                .message(1, new ProtoWriter().message(1, attr("service.name", "shop"))
                        .message(1, new ProtoWriter().string(1, "host.cores").message(2,
                                new ProtoWriter().varint(3, 8)))))
                .toByteArray();
        OtlpParser.parseProtobuf(req, out);
        PointBatch b = out.drain();
        Map<String, String> res = Map.of("service_name", "shop", "host_cores", "8", "sentryIP", "9.9.9.9");
        assertThat(b.points()).containsExactly(
                Point.of("jvm.memory.used", with(res, "area", "heap"), NOW, 1024.5),
                Point.of("requests", res, NOW, 42),
                Point.of("latency_bucket", with(res, "le", "0.5"), NOW, 1),
                Point.of("latency_bucket", with(res, "le", "10"), NOW, 3),
                Point.of("latency_bucket", with(res, "le", "+Inf"), NOW, 6),
                Point.of("latency_sum", res, NOW, 12.5),
                Point.of("latency_count", res, NOW, 6));
        assertThat(b.errors()).extracting(PointError::error).containsExactly(
                "metric 'expo' point 0: exponential histograms cannot be stored; use explicit-bucket histograms");
    }

    @Test
    void jsonMappingWithStringIntegersAndSummaries() throws IOException {
        String json = """
                {"resourceMetrics":[{"resource":{"attributes":[
                   {"key":"service.name","value":{"stringValue":"cart"}},
                   {"key":"debug","value":{"boolValue":true}}]},
                 "scopeMetrics":[{"scope":{"name":"x"},"metrics":[
                   {"name":"queue.size","gauge":{"dataPoints":[
                      {"timeUnixNano":"%d","asInt":"17","attributes":[{"key":"q","value":{"stringValue":"a"}}]}]}},
                   {"name":"sent","sum":{"aggregationTemporality":1,"isMonotonic":true,"dataPoints":[
                      {"timeUnixNano":%d,"asDouble":3.5}]}},
                   {"name":"rt","summary":{"dataPoints":[{"timeUnixNano":"%d","count":"4","sum":2.0,
                      "quantileValues":[{"quantile":0.99,"value":1.5}]}]}},
                   {"name":"h","histogram":{"dataPoints":[{"timeUnixNano":"%d","count":"1",
                      "bucketCounts":["1"],"explicitBounds":[1,2]}]}},
                   {"name":"late","gauge":{"dataPoints":[{"asDouble":1}]}}]}]}]}
                """.formatted(NANOS, NANOS, NANOS, NANOS);
        OtlpParser.parseJson(new ObjectMapper().readTree(json), out);
        PointBatch b = out.drain();
        Map<String, String> res = Map.of("service_name", "cart", "debug", "true", "sentryIP", "9.9.9.9");
        assertThat(b.points()).containsExactly(
                Point.of("queue.size", with(res, "q", "a"), NOW, 17),
                Point.of("sent", res, NOW, 3.5),
                Point.of("rt", with(res, "quantile", "0.99"), NOW, 1.5),
                Point.of("rt_sum", res, NOW, 2),
                Point.of("rt_count", res, NOW, 4));
        assertThat(b.errors()).extracting(PointError::error).containsExactly(
                "metric 'h' point 0: the histogram has 1 bucket counts for 2 bounds; expected 3",
                "metric 'late' point 0: time_unix_nano is missing");
    }

    @Test
    void badShapesAreWireErrors() throws IOException {
        ObjectMapper m = new ObjectMapper();
        assertThatThrownBy(() -> OtlpParser.parseJson(m.readTree("[]"), out))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("resourceMetrics");
        assertThatThrownBy(() -> OtlpParser.parseJson(m.readTree("{\"resourceMetrics\":{}}"), out))
                .hasMessageContaining("'resourceMetrics' must be an array");
        assertThatThrownBy(() -> OtlpParser.parseJson(m.readTree("{\"resourceMetrics\":[{\"scopeMetrics\":[{"
                + "\"metrics\":[{\"name\":\"g\",\"gauge\":{\"dataPoints\":[{\"timeUnixNano\":\"soon\"}]}}]}]}]}"), out))
                .hasMessageContaining("'timeUnixNano' value 'soon' is not an integer");
        assertThat(OtlpParser.metricName("http.server/duration")).isEqualTo("http.server_duration");
        assertThat(OtlpParser.tagKey("k8s.pod.name")).isEqualTo("k8s_pod_name");
        assertThat(OtlpParser.tagKey("9lives")).isEqualTo("_9lives");
    }

    private static Map<String, String> with(Map<String, String> base, String k, String v) {
        var m = new java.util.HashMap<>(base);
        m.put(k, v);
        return m;
    }

    private static byte[] packed(long... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    private static byte[] packedDoubles(double... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }
}
