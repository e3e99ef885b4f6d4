package io.sentrycloud.bench.protocols;

import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.server.http.ApiJson;
import io.sentrycloud.server.ingest.PointBatch;
import io.sentrycloud.server.ingest.PointCollector;
import io.sentrycloud.server.ingest.PointRules;
import io.sentrycloud.server.ingest.graphite.GraphiteParser;
import io.sentrycloud.server.ingest.influx.InfluxLineParser;
import io.sentrycloud.server.ingest.opentsdb.OpenTsdbParser;
import io.sentrycloud.server.ingest.otlp.OtlpParser;
import io.sentrycloud.server.ingest.remotewrite.RemoteWriteParser;
import io.sentrycloud.server.ingest.wire.ProtoWriter;
import io.sentrycloud.server.ingest.wire.SnappyBlock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xerial.snappy.Snappy;

/**
 * Parse throughput of each ingest protocol, in points per second: one request body of {@link #POINTS} points
 * (100 hosts × 10 metrics, agent-like names and tags) decoded and checked by the point rules, as the server's
 * endpoints do before writing. Run: {@code scripts/bench-protocols} (JMH).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProtocolParseBenchmark {

    static final int HOSTS = 100;
    static final int METRICS = 10;
    static final int POINTS = HOSTS * METRICS;

    private PointRules rules;
    private long now;
    private String influx;
    private byte[] openTsdb;
    private String[] telnet;
    private String[] graphite;
    private byte[] remoteWrite;
    private byte[] otlpProtobuf;
    private byte[] otlpJson;

    @Setup
    public void setUp() throws IOException {
        rules = new PointRules(ServerConfig.defaults().ingest(), 60, Clock.systemUTC());
        now = System.currentTimeMillis() / 1000 * 1000;
        long seconds = now / 1000;
        StringBuilder lp = new StringBuilder();
        StringBuilder json = new StringBuilder("[");
        telnet = new String[POINTS];
        graphite = new String[POINTS];
        ProtoWriter writeRequest = new ProtoWriter();
        ProtoWriter scope = new ProtoWriter();
        StringBuilder otlp = new StringBuilder("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[");
        int n = 0;
        for (int h = 0; h < HOSTS; h++) {
            String host = "10.0." + (h / 250) + "." + (h % 250);
            for (int m = 0; m < METRICS; m++, n++) {
                String metric = "sentry_sys_metric_" + m;
                double value = h * 1.5 + m;
                lp.append("sentry_sys,sentryIP=").append(host).append(",dc=eu metric_").append(m).append('=')
                        .append(value).append(' ').append(now * 1_000_000).append('\n');
                json.append(n == 0 ? "" : ",").append("{\"metric\":\"").append(metric).append("\",\"timestamp\":")
                        .append(seconds).append(",\"value\":").append(value).append(",\"tags\":{\"sentryIP\":\"")
                        .append(host).append("\",\"dc\":\"eu\"}}");
                telnet[n] = metric + " " + seconds + " " + value + " sentryIP=" + host + " dc=eu";
                graphite[n] = metric + ";sentryIP=" + host + ";dc=eu " + value + " " + seconds;
                writeRequest.message(1, new ProtoWriter()
                        .message(1, new ProtoWriter().string(1, "__name__").string(2, metric))
                        .message(1, new ProtoWriter().string(1, "sentryIP").string(2, host))
                        .message(1, new ProtoWriter().string(1, "dc").string(2, "eu"))
                        .message(2, new ProtoWriter().doubleValue(1, value).varint(2, now)));
                scope.message(2, new ProtoWriter().string(1, metric).message(5, new ProtoWriter().message(1,
                        new ProtoWriter()
                                .message(7, kv("sentryIP", host)).message(7, kv("dc", "eu"))
                                .fixed64(3, now * 1_000_000).doubleValue(4, value))));
                otlp.append(n == 0 ? "" : ",").append("{\"name\":\"").append(metric)
                        .append("\",\"gauge\":{\"dataPoints\":[{\"timeUnixNano\":\"").append(now * 1_000_000)
                        .append("\",\"asDouble\":").append(value).append(",\"attributes\":[{\"key\":\"sentryIP\","
                                + "\"value\":{\"stringValue\":\"").append(host).append("\"}},{\"key\":\"dc\","
                                + "\"value\":{\"stringValue\":\"eu\"}}]}]}}");
            }
        }
        influx = lp.toString();
        openTsdb = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        remoteWrite = Snappy.compress(writeRequest.toByteArray());
        otlpProtobuf = new ProtoWriter().message(1, new ProtoWriter().message(2, scope)).toByteArray();
        otlpJson = otlp.append("]}]}]}").toString().getBytes(StandardCharsets.UTF_8);
        // every body must decode to exactly POINTS valid points, or the numbers would flatter a failing parser
        check(influx());
        check(openTsdbJson());
        check(openTsdbTelnet());
        check(graphite());
        check(remoteWrite());
        check(otlpProtobuf());
        check(otlpJson());
    }

    private static ProtoWriter kv(String key, String value) {
        return new ProtoWriter().string(1, key).message(2, new ProtoWriter().string(1, value));
    }

    private static void check(PointBatch b) {
        if (b.points().size() != POINTS || !b.errors().isEmpty()) {
            throw new IllegalStateException("benchmark body decodes to " + b.points().size() + " points and "
                    + b.errors().size() + " errors: " + b.errors().stream().limit(3).toList());
        }
    }

    private PointCollector collector() {
        return new PointCollector(rules, "127.0.0.1", POINTS);
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public PointBatch influx() {
        PointCollector out = collector();
        InfluxLineParser.parse(influx, InfluxLineParser.Precision.NS, now, out);
        return out.drain();
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public PointBatch openTsdbJson() throws IOException {
        PointCollector out = collector();
        OpenTsdbParser.parseJson(new ByteArrayInputStream(openTsdb), out);
        return out.drain();
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public PointBatch openTsdbTelnet() {
        PointCollector out = collector();
        for (String line : telnet) {
            OpenTsdbParser.parsePut(line, "line", out);
        }
        return out.drain();
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public PointBatch graphite() {
        PointCollector out = collector();
        for (String line : graphite) {
            GraphiteParser.parse(line, "line", now, out);
        }
        return out.drain();
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public PointBatch remoteWrite() {
        PointCollector out = collector();
        RemoteWriteParser.parse(SnappyBlock.decompress(remoteWrite, 64 << 20), out);
        return out.drain();
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public PointBatch otlpProtobuf() {
        PointCollector out = collector();
        OtlpParser.parseProtobuf(otlpProtobuf, out);
        return out.drain();
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public PointBatch otlpJson() throws IOException {
        PointCollector out = collector();
        OtlpParser.parseJson(ApiJson.MAPPER.readTree(otlpJson), out);
        return out.drain();
    }
}
