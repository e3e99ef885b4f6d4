package io.sentrycloud.server.ingest.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.server.ingest.PointBatch;
import io.sentrycloud.server.ingest.PointCollector;
import io.sentrycloud.server.ingest.PointError;
import io.sentrycloud.server.ingest.PointRules;
import io.sentrycloud.server.ingest.influx.InfluxLineParser.Precision;
import io.sentrycloud.tsdb.Point;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxLineParserTest {

    static final long NOW = 1_700_000_000_000L;
    final PointRules rules = new PointRules(ServerConfig.defaults().ingest(), 60,
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    PointCollector out = new PointCollector(rules, "9.9.9.9", 1000);

    @Test
    void eachFieldIsAPointOfMeasurementDotField() {
        InfluxLineParser.Result r = InfluxLineParser.parse(
                "cpu,host=a,dc=eu usage_user=1.5,usage_idle=90i,up=true,down=F 1700000000000000000\n"
                        + "mem free=3u\n", Precision.NS, NOW - 5000, out);
        PointBatch b = out.drain();
        assertThat(r.lines()).isEqualTo(2);
        assertThat(b.errors()).isEmpty();
        Map<String, String> tags = Map.of("host", "a", "dc", "eu", "sentryIP", "9.9.9.9");
        assertThat(b.points()).containsExactly(
                Point.of("cpu.usage_user", tags, NOW, 1.5),
                Point.of("cpu.usage_idle", tags, NOW, 90),
                Point.of("cpu.up", tags, NOW, 1),
                Point.of("cpu.down", tags, NOW, 0),
                Point.of("mem.free", Map.of("sentryIP", "9.9.9.9"), NOW - 5000, 3));
    }

    @Test
    void escapingAndPrecisions() {
        InfluxLineParser.parse("disk\\ io,path=a\\,b\\=c\\ d read=1 1700000000\n"
                + "# a comment\n\n   \r\n"
                + "net bytes=2 1700000000000\r\n", Precision.S, NOW, out);
        PointBatch b = out.drain();
        assertThat(b.errors()).extracting(PointError::error).satisfiesExactly(
                e -> assertThat(e).contains("line 1 field 'read'").contains("metric 'disk io.read' is not a valid"),
                e -> assertThat(e).contains("line 5 field 'bytes'").contains("in the future")); // 1.7e12 s
        assertThat(b.points()).isEmpty();
        InfluxLineParser.parse("net,k=a\\,b\\=c bytes=2 1700000000000\n", Precision.MS, NOW, out);
        assertThat(out.drain().points()).containsExactly(
                Point.of("net.bytes", Map.of("k", "a,b=c", "sentryIP", "9.9.9.9"), NOW, 2));
        InfluxLineParser.parse("a x=1 1700000000000000\nb x=1 28333333\nc x=1 472222", Precision.US, NOW, out);
        assertThat(out.drain().points()).extracting(Point::timestamp).containsExactly(NOW);
        assertThat(Precision.parse("h", true).toMillis(472222)).isEqualTo(1_699_999_200_000L);
        assertThat(Precision.parse("m", true).toMillis(28333333)).isEqualTo(1_699_999_980_000L);
        assertThatThrownBy(() -> Precision.parse("m", false)).hasMessageContaining("ns, us, ms, s");
    }

    @Test
    void stringFieldsAreRefusedOneByOneAndCounted() {
        InfluxLineParser.Result r = InfluxLineParser.parse(
                "proc,host=a status=\"running \\\"ok\\\", fine\",count=3i,note=\"x\"", Precision.NS, NOW, out);
        PointBatch b = out.drain();
        assertThat(r.refusedStrings()).isEqualTo(2);
        assertThat(b.points()).extracting(p -> p.series().metric()).containsExactly("proc.count");
        assertThat(b.errors()).extracting(PointError::error).containsExactly(
                "line 1 field 'status': string values cannot be stored; only numbers and booleans are",
                "line 1 field 'note': string values cannot be stored; only numbers and booleans are");
    }

    @Test
    void badLinesNameTheLineAndTheProblem() {
        InfluxLineParser.parse(String.join("\n",
                "cpu",
                "cpu,host usage=1",
                "cpu usage=",
                "cpu usage=abc",
                "cpu usage=1 notatime",
                "cpu usage=\"open",
                "cpu usage=1 1 extra",
                "cpu usage=1.5i",
                "cpu,host= usage=1",
                "cpu usage=NaN",
                "ok v=1"), Precision.NS, NOW, out);
        PointBatch b = out.drain();
        assertThat(b.points()).hasSize(1);
        assertThat(b.errors()).extracting(PointError::error).satisfiesExactly(
                e -> assertThat(e).startsWith("line 1: expected a space and the fields"),
                e -> assertThat(e).startsWith("line 2: expected '=' after tag key 'host'"),
                e -> assertThat(e).startsWith("line 3: field 'usage' has no value"),
                e -> assertThat(e).startsWith("line 4 field 'usage': 'abc' is not a number"),
                e -> assertThat(e).startsWith("line 5: timestamp 'notatime' is not an integer"),
                e -> assertThat(e).startsWith("line 6: the string value of field 'usage' has no closing quote"),
                e -> assertThat(e).startsWith("line 7: unexpected text after the timestamp"),
                e -> assertThat(e).startsWith("line 8 field 'usage': '1.5i' is not an integer"),
                e -> assertThat(e).startsWith("line 9: tag 'host' value is empty"),
                e -> assertThat(e).startsWith("line 10 field 'usage': 'NaN' is not a number"));
    }
}
