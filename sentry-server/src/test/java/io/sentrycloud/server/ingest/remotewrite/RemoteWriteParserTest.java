package io.sentrycloud.server.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.server.ingest.PointBatch;
import io.sentrycloud.server.ingest.PointCollector;
import io.sentrycloud.server.ingest.PointError;
import io.sentrycloud.server.ingest.PointRules;
import io.sentrycloud.server.ingest.wire.ProtoWriter;
import io.sentrycloud.server.ingest.wire.WireFormatException;
import io.sentrycloud.tsdb.Point;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteWriteParserTest {

    static final long NOW = 1_700_000_000_000L;
    final PointRules rules = new PointRules(ServerConfig.defaults().ingest(), 60,
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    final PointCollector out = new PointCollector(rules, "9.9.9.9", 1000);

    /** A {@code TimeSeries} message: labels as name/value pairs, samples as value/timestamp pairs. */
    static ProtoWriter series(String[] labels, double[][] samples) {
        ProtoWriter ts = new ProtoWriter();
        for (int k = 0; k < labels.length; k += 2) {
            ts.message(1, new ProtoWriter().string(1, labels[k]).string(2, labels[k + 1]));
        }
        for (double[] s : samples) {
            ts.message(2, new ProtoWriter().doubleValue(1, s[0]).varint(2, (long) s[1]));
        }
        return ts;
    }

    @Test
    void labelsBecomeTagsAndSamplesPoints() {
        byte[] req = new ProtoWriter()
                .message(1, series(new String[] {"__name__", "up", "job", "node", "instance", "h:9100", "empty", ""},
                        new double[][] {{1, NOW}, {0, NOW + 15_000}}))
                .message(1, series(new String[] {"__name__", "temp", "job", "node"},
                        new double[][] {{Double.longBitsToDouble(RemoteWriteParser.STALE_NAN_BITS), NOW},
                            {Double.NaN, NOW}, {21.5, NOW}}))
                .message(1, series(new String[] {"job", "nameless"}, new double[][] {{1, NOW}}))
                .message(3, new ProtoWriter().string(2, "metadata is skipped"))
                .toByteArray();
        RemoteWriteParser.Result r = RemoteWriteParser.parse(req, out);
        assertThat(r.series()).isEqualTo(3);
        assertThat(r.staleMarkers()).isEqualTo(1);
        PointBatch b = out.drain();
        Map<String, String> tags = Map.of("job", "node", "instance", "h:9100", "sentryIP", "9.9.9.9");
        assertThat(b.points()).containsExactly(
                Point.of("up", tags, NOW, 1), Point.of("up", tags, NOW + 15_000, 0),
                Point.of("temp", Map.of("job", "node", "sentryIP", "9.9.9.9"), NOW, 21.5));
        assertThat(b.errors()).extracting(PointError::error).containsExactly(
                "series 1 (temp) sample 1: value NaN is not a finite number; NaN and infinities cannot be stored",
                "series 2 sample 0: the series has no __name__ label");
    }

    @Test
    void truncatedOrWrongTypedMessagesAreWireErrors() {
        byte[] req = new ProtoWriter().message(1, series(new String[] {"__name__", "up"},
                new double[][] {{1, NOW}})).toByteArray();
        for (int cut = 1; cut < req.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(req, cut);
            PointCollector c = new PointCollector(rules, "x", 1000);
            assertThatThrownBy(() -> RemoteWriteParser.parse(part, c)).isInstanceOf(WireFormatException.class);
        }
        byte[] labelAsVarint = new ProtoWriter().message(1, new ProtoWriter().varint(1, 5)).toByteArray();
        assertThatThrownBy(() -> RemoteWriteParser.parse(labelAsVarint, out))
                .hasMessageContaining("should be a length-delimited value");
    }
}
