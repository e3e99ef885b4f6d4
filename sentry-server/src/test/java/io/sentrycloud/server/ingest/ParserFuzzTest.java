package io.sentrycloud.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.http.ApiJson;
import io.sentrycloud.server.ingest.graphite.GraphiteParser;
import io.sentrycloud.server.ingest.influx.InfluxLineParser;
import io.sentrycloud.server.ingest.opentsdb.OpenTsdbParser;
import io.sentrycloud.server.ingest.otlp.OtlpParser;
import io.sentrycloud.server.ingest.remotewrite.RemoteWriteParser;
import io.sentrycloud.server.ingest.wire.ProtoWriter;
import io.sentrycloud.server.ingest.wire.WireFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Every protocol parser under random and mutated input. What must hold: the only failures are the decoding errors
 * the endpoints answer with a 4xx (never anything that becomes a 500), every line or data point that was read is
 * counted as kept or refused (no silent drop), and the parser returns (no hang; the loops only move forward).
 */
class ParserFuzzTest {

    static final long NOW = 1_700_000_000_000L;
    final PointRules rules = new PointRules(ServerConfig.defaults().ingest(), 60,
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    static final String INFLUX = "cpu,host=a,dc=eu\\ west usage=1.5,idle=90i,up=t,state=\"ok \\\"x\\\"\" 1700000000000000000\n"
            + "# comment\nmem free=3u\ndisk\\,x,path=/a\\=b used=2e3 1700000000000000000\n";
    static final String OPENTSDB = "[{\"metric\":\"sys.cpu\",\"timestamp\":1700000000,\"value\":1.5,\"tags\":{\"h\":\"a\"}},"
            + "{\"metric\":\"sys.mem\",\"timestamp\":1700000000000,\"value\":\"42\",\"tags\":{\"h\":\"b\"}}]";
    static final String OTLP_JSON = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
            + "\"value\":{\"stringValue\":\"s\"}}]},\"scopeMetrics\":[{\"metrics\":[{\"name\":\"g\",\"gauge\":{"
            + "\"dataPoints\":[{\"timeUnixNano\":\"1700000000000000000\",\"asDouble\":1}]}},{\"name\":\"h\","
            + "\"histogram\":{\"dataPoints\":[{\"timeUnixNano\":\"1700000000000000000\",\"count\":\"2\",\"sum\":3,"
            + "\"bucketCounts\":[\"1\",\"1\"],\"explicitBounds\":[1]}]}}]}]}]}";

    // ------------------------------------------------------------- text protocols

    @Property(tries = 500)
    void influxRandomText(@ForAll @Size(max = 300) String body) {
        influxCountsEveryLine(body);
    }

    @Property(tries = 500)
    void influxMutated(@ForAll long seed) {
        influxCountsEveryLine(mutate(INFLUX, seed));
    }

    private void influxCountsEveryLine(String body) {
        PointCollector out = collector();
        InfluxLineParser.Result r = InfluxLineParser.parse(body, InfluxLineParser.Precision.NS, NOW, out);
        // line protocol's lines: split at \n only, a trailing \r dropped, leading spaces and tabs ignored
        long lines = java.util.Arrays.stream(body.split("\n", -1))
                .map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l)
                .map(l -> l.replaceFirst("^[ \t]+", ""))
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
        assertThat(r.lines()).isEqualTo(lines);
        PointBatch b = out.drain();
        assertThat(b.size()).isGreaterThanOrEqualTo(r.lines()); // each line is at least one point or one refusal
        assertThat(b.errors().size()).isGreaterThanOrEqualTo(r.refusedStrings());
    }

    @Property(tries = 500)
    void telnetAndGraphiteLinesAreOneCandidateEach(@ForAll @Size(max = 200) String line, @ForAll long seed) {
        for (String l : List.of(line, mutate("sys.cpu 1700000000 1.5 host=a dc=eu", seed),
                mutate("a.b;t=1;u=2 3.5 1700000000", seed))) {
            PointCollector out = collector();
            String error = OpenTsdbParser.parsePut(l, "line 1", out);
            assertThat(out.size()).isEqualTo(1);
            assertThat(out.drain().errors()).hasSize(error == null ? 0 : 1);
            PointCollector g = collector();
            String gError = GraphiteParser.parse(l, "line 1", NOW, g);
            assertThat(g.size()).isEqualTo(1);
            assertThat(g.drain().errors()).hasSize(gError == null ? 0 : 1);
        }
    }

    @Property(tries = 500)
    void openTsdbJson(@ForAll @Size(max = 300) byte[] random, @ForAll long seed) {
        for (byte[] body : List.of(random, mutate(OPENTSDB, seed).getBytes(StandardCharsets.UTF_8))) {
            PointCollector out = collector();
            try {
                List<JsonNode> sent = OpenTsdbParser.parseJson(new ByteArrayInputStream(body), out);
                assertThat(out.size()).isEqualTo(sent.size()); // each data point is kept or refused
            } catch (JsonProcessingException | ApiException expected) {
                assertDecodingError(expected);
            } catch (IOException e) {
                throw new AssertionError("an in-memory body cannot fail to read", e);
            }
        }
    }

    // ------------------------------------------------------------- binary protocols

    @Property(tries = 1000)
    void remoteWrite(@ForAll @Size(max = 300) byte[] random, @ForAll long seed) {
        byte[] valid = new ProtoWriter().message(1, new ProtoWriter()
                .message(1, new ProtoWriter().string(1, "__name__").string(2, "up"))
                .message(1, new ProtoWriter().string(1, "job").string(2, "node"))
                .message(2, new ProtoWriter().doubleValue(1, 1).varint(2, NOW))
                .message(2, new ProtoWriter().doubleValue(1, 2).varint(2, NOW - 1000))).toByteArray();
        for (byte[] body : List.of(random, mutate(valid, seed))) {
            try {
                RemoteWriteParser.parse(body, collector());
            } catch (WireFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Property(tries = 1000)
    void otlpProtobuf(@ForAll @Size(max = 300) byte[] random, @ForAll long seed) {
        byte[] valid = new ProtoWriter().message(1, new ProtoWriter()
                .message(1, new ProtoWriter().message(1, new ProtoWriter().string(1, "service.name")
                        .message(2, new ProtoWriter().string(1, "s"))))
                .message(2, new ProtoWriter().message(2, new ProtoWriter().string(1, "g")
                        .message(5, new ProtoWriter().message(1, new ProtoWriter().fixed64(3, NOW * 1_000_000)
                                .doubleValue(4, 1.5))))))
                .toByteArray();
        for (byte[] body : List.of(random, mutate(valid, seed))) {
            try {
                OtlpParser.parseProtobuf(body, collector());
            } catch (WireFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Property(tries = 500)
    void otlpJson(@ForAll @Size(max = 300) String random, @ForAll long seed) {
        for (String body : List.of(random, mutate(OTLP_JSON, seed))) {
            try {
                OtlpParser.parseJson(ApiJson.MAPPER.readTree(body), collector());
            } catch (JsonProcessingException | WireFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    // ------------------------------------------------------------- helpers

    private PointCollector collector() {
        return new PointCollector(rules, "9.9.9.9", 100_000);
    }

    private static void assertDecodingError(Exception e) {
        if (e instanceof ApiException api) {
            assertThat(api.status()).isBetween(400, 499);
        }
        assertThat(e.getMessage()).isNotBlank();
    }

    /** Up to 8 random edits of {@code valid}: deletions, insertions of syntax characters, duplications. */
    static String mutate(String valid, long seed) {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder(valid);
        String syntax = ",= \"\\\n#;{}[]:.-e0i\t\r";
        int edits = 1 + r.nextInt(8);
        for (int k = 0; k < edits && s.length() > 0; k++) {
            int at = r.nextInt(s.length());
            switch (r.nextInt(4)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, syntax.charAt(r.nextInt(syntax.length())));
                case 2 -> s.insert(at, s.substring(at, Math.min(s.length(), at + r.nextInt(10))));
                default -> s.setCharAt(at, (char) r.nextInt(0x3000));
            }
        }
        return s.toString();
    }

    /** Up to 8 random edits of {@code valid}: bit flips, deletions, insertions, truncation. */
    static byte[] mutate(byte[] valid, long seed) {
        Random r = new Random(seed);
        byte[] b = valid.clone();
        int edits = 1 + r.nextInt(8);
        for (int k = 0; k < edits && b.length > 0; k++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(4)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) r.nextInt(256);
                case 2 -> b = java.util.Arrays.copyOf(b, at);
                default -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) r.nextInt(256);
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }
}
