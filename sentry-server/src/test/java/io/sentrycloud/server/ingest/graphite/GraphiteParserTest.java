package io.sentrycloud.server.ingest.graphite;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.server.ingest.PointBatch;
import io.sentrycloud.server.ingest.PointCollector;
import io.sentrycloud.server.ingest.PointRules;
import io.sentrycloud.tsdb.Point;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphiteParserTest {

    static final long NOW = 1_700_000_000_000L;
    final PointRules rules = new PointRules(ServerConfig.defaults().ingest(), 60,
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    final PointCollector out = new PointCollector(rules, "9.9.9.9", 1000);

    @Test
    void plainTaggedAndNowForms() {
        assertThat(GraphiteParser.parse("servers.a.cpu 12.5 1700000000", "line 1", NOW, out)).isNull();
        assertThat(GraphiteParser.parse("disk.used;host=a;dc=eu  3\t1700000000.25", "line 2", NOW, out)).isNull();
        assertThat(GraphiteParser.parse("x 1 -1", "line 3", NOW - 7, out)).isNull();
        assertThat(GraphiteParser.parse("x 2", "line 4", NOW - 9, out)).isNull();
        PointBatch b = out.drain();
        Map<String, String> sender = Map.of("sentryIP", "9.9.9.9");
        assertThat(b.points()).containsExactly(
                Point.of("servers.a.cpu", sender, NOW, 12.5),
                Point.of("disk.used", Map.of("host", "a", "dc", "eu", "sentryIP", "9.9.9.9"), NOW + 250, 3),
                Point.of("x", sender, NOW - 7, 1),
                Point.of("x", sender, NOW - 9, 2));
    }

    @Test
    void badLinesAreNamed() {
        assertThat(GraphiteParser.parse("lonely", "line 1", NOW, out)).contains("expected 'path value timestamp'");
        assertThat(GraphiteParser.parse("a b c d", "line 2", NOW, out)).contains("got 4 words");
        assertThat(GraphiteParser.parse("a nan 1700000000", "line 3", NOW, out)).contains("'nan' is not a number");
        assertThat(GraphiteParser.parse("a 1 yesterday", "line 4", NOW, out)).contains("not epoch seconds");
        assertThat(GraphiteParser.parse("a;host 1 1700000000", "line 5", NOW, out)).contains("not tag=value");
        assertThat(GraphiteParser.parse("a 1 0", "line 6", NOW, out)).contains("not a positive epoch time");
        assertThat(out.drain().errors()).hasSize(6);
    }
}
