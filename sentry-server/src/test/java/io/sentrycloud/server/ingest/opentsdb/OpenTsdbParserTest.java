package io.sentrycloud.server.ingest.opentsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.server.ingest.PointBatch;
import io.sentrycloud.server.ingest.PointCollector;
import io.sentrycloud.server.ingest.PointError;
import io.sentrycloud.server.ingest.PointRules;
import io.sentrycloud.tsdb.Point;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenTsdbParserTest {

    static final long NOW = 1_700_000_000_000L;
    final PointRules rules = new PointRules(ServerConfig.defaults().ingest(), 60,
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    final PointCollector out = new PointCollector(rules, "9.9.9.9", 1000);

    @Test
    void singleObjectAndArrayWithSecondsMillisAndStringValues() throws IOException {
        assertThat(OpenTsdbParser.parseJson(json("{\"metric\":\"sys.cpu\",\"timestamp\":1700000000,\"value\":1.5,"
                + "\"tags\":{\"host\":\"a\"}}"), out)).hasSize(1);
        assertThat(OpenTsdbParser.parseJson(json("[{\"metric\":\"sys.cpu\",\"timestamp\":1700000000001,"
                + "\"value\":\"42\",\"tags\":{\"host\":\"b\"}},{\"metric\":\"x\",\"timestamp\":\"soon\",\"value\":1},"
                + "{\"metric\":\"x\",\"timestamp\":1700000000,\"value\":\"1,5\"},"
                + "{\"metric\":\"x\",\"timestamp\":1700000000,\"value\":1,\"tags\":{\"k\":3}}]"), out)).hasSize(4);
        PointBatch b = out.drain();
        assertThat(b.points()).containsExactly(
                Point.of("sys.cpu", Map.of("host", "a", "sentryIP", "9.9.9.9"), NOW, 1.5),
                Point.of("sys.cpu", Map.of("host", "b", "sentryIP", "9.9.9.9"), NOW + 1, 42));
        assertThat(b.errors()).extracting(PointError::error).containsExactly(
                "datapoint 1: timestamp must be an integer (epoch seconds or milliseconds)",
                "datapoint 2: value '1,5' is not a number",
                "datapoint 3: tag 'k' must have a string value");
    }

    @Test
    void notJsonOrNotPointsIsAnError() {
        assertThatThrownBy(() -> OpenTsdbParser.parseJson(json("[{\"metric\""), out))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> OpenTsdbParser.parseJson(json("42"), out))
                .hasMessageContaining("must be a data point object or an array");
        assertThatThrownBy(() -> OpenTsdbParser.parseJson(json("[] []"), out))
                .hasMessageContaining("unexpected content after the data points");
    }

    @Test
    void telnetPutLines() {
        assertThat(OpenTsdbParser.parsePut("sys.load 1700000000 0.5 host=a cpu=0", "line 1", out)).isNull();
        assertThat(OpenTsdbParser.parsePut("sys.load 1700000000", "line 2", out))
                .startsWith("line 2: not enough arguments");
        assertThat(OpenTsdbParser.parsePut("sys.load x 1", "line 3", out)).contains("invalid timestamp 'x'");
        assertThat(OpenTsdbParser.parsePut("sys.load 1700000000 y", "line 4", out)).contains("invalid value 'y'");
        assertThat(OpenTsdbParser.parsePut("sys.load 1700000000 1 host", "line 5", out))
                .contains("invalid tag 'host'");
        assertThat(OpenTsdbParser.parsePut("sys/load 1700000000 1", "line 6", out))
                .contains("metric 'sys/load' is not a valid name");
        PointBatch b = out.drain();
        assertThat(b.points()).containsExactly(
                Point.of("sys.load", Map.of("host", "a", "cpu", "0", "sentryIP", "9.9.9.9"), NOW, 0.5));
        assertThat(b.errors()).hasSize(5);
    }

    private static ByteArrayInputStream json(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
