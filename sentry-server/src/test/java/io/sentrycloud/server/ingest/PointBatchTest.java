package io.sentrycloud.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.tsdb.Point;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class PointBatchTest {

    static final long NOW = 1_700_000_000L;
    final PointRules rules = new PointRules(ServerConfig.defaults().ingest(), 60,
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @Test
    void originalShapeWithSecondsAndSenderTag() throws IOException {
        PointBatch b = read("""
                [{"metric":"sentry_sys_mem_usage","tags":{"ip":"10.0.0.3"},"timestamp":1700000000,"value":42.5},
                 {"metric":"cpu.busy-pct","tags":{"sentryIP":"1.2.3.4"},"timestamp":1700000000123,"value":1}]""");
        assertThat(b.errors()).isEmpty();
        assertThat(b.points()).containsExactly(
                Point.of("sentry_sys_mem_usage", Map.of("ip", "10.0.0.3", "sentryIP", "9.9.9.9"),
                        1_700_000_000_000L, 42.5),
                Point.of("cpu.busy-pct", Map.of("sentryIP", "1.2.3.4"), 1_700_000_000_123L, 1));
    }

    @Test
    void eachBadPointIsReportedByIndexAndTheOthersKept() throws IOException {
        PointBatch b = read("""
                [{"metric":"ok","timestamp":1700000000,"value":1},
                 {"metric":"","timestamp":1700000000,"value":1},
                 {"metric":"ok","timestamp":1700000000,"value":NaN},
                 {"metric":"ok","timestamp":1700000000,"value":-Infinity},
                 {"metric":"ok","timestamp":-5,"value":1},
                 {"metric":"ok","timestamp":1690000000,"value":1},
                 {"metric":"ok","timestamp":1700090000,"value":1},
                 {"metric":"9lives","timestamp":1700000000,"value":1},
                 {"metric":"ok","tags":{"a b":"x"},"timestamp":1700000000,"value":1},
                 {"metric":"ok","tags":{"k":""},"timestamp":1700000000,"value":1},
                 {"metric":"ok","tags":{"k":5},"timestamp":1700000000,"value":1},
                 {"metric":"ok","timestamp":1700000000,"value":"1"},
                 {"metric":"ok","timestamp":1700000000},
                 42,
                 {"metric":"ok","timestamp":1700000000.5,"value":2}]""");
        assertThat(b.indexes()).containsExactly(0, 14);
        assertThat(b.points().get(1).timestamp()).isEqualTo(1_700_000_000_500L);
        assertThat(b.errors()).extracting(PointError::index).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                13);
        assertThat(b.errors()).extracting(PointError::error).satisfiesExactly(
                e -> assertThat(e).isEqualTo("metric is empty"),
                e -> assertThat(e).contains("value NaN is not a finite number"),
                e -> assertThat(e).contains("value -Infinity is not a finite number"),
                e -> assertThat(e).contains("timestamp -5 is not a positive epoch time"),
                e -> assertThat(e).contains("older than the retention of 60 days"),
                e -> assertThat(e).contains("in the future"),
                e -> assertThat(e).contains("metric '9lives' is not a valid name"),
                e -> assertThat(e).contains("tag key 'a b' is not a valid name"),
                e -> assertThat(e).contains("tag 'k' has an empty value"),
                e -> assertThat(e).contains("tag 'k' must have a string value, got the number 5"),
                e -> assertThat(e).contains("value must be a number, got the string \"1\""),
                e -> assertThat(e).contains("value is missing"),
                e -> assertThat(e).contains("a point must be a JSON object"));
    }

    @Test
    void limitsOfNamesAndTags() throws IOException {
        String longMetric = "m".repeat(193);
        String longValue = "v".repeat(65);
        PointBatch b = read("[{\"metric\":\"" + longMetric + "\",\"timestamp\":1700000000,\"value\":1},"
                + "{\"metric\":\"m\",\"tags\":{\"k\":\"" + longValue + "\"},\"timestamp\":1700000000,\"value\":1},"
                + "{\"metric\":\"m\",\"tags\":{" + tags(17)
                + "},\"timestamp\":1700000000,\"value\":1}]");
        assertThat(b.points()).isEmpty();
        assertThat(b.errors()).extracting(PointError::error).satisfiesExactly(
                e -> assertThat(e).contains("193 characters long; at most 192"),
                e -> assertThat(e).contains("65 characters long; at most 64"),
                e -> assertThat(e).contains("17 tags; at most 16"));
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertThatThrownBy(() -> read("[{\"metric\":\"a\",\n \"value\": }]"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo(ApiCode.JSON_DECODE);
                    assertThat(e.getMessage()).contains("malformed JSON at line 2, column 11")
                            .contains("nothing was stored");
                });
        assertThatThrownBy(() -> read("{\"metric\":\"a\"}"))
                .hasMessageContaining("must be a JSON array of points");
        assertThatThrownBy(() -> read("")).hasMessageContaining("the body is empty");
        assertThatThrownBy(() -> read("[] {}")).hasMessageContaining("unexpected content (an object) after the array");
    }

    @Test
    void tooManyPointsIs413() {
        String three = "[" + "{\"metric\":\"a\",\"timestamp\":1700000000,\"value\":1},".repeat(2)
                + "{\"metric\":\"a\",\"timestamp\":1700000000,\"value\":1}]";
        assertThatThrownBy(() -> PointBatch.read(stream(three), rules, "9.9.9.9", 2))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.getMessage()).contains("more than 2 points");
                });
    }

    @Property
    void secondsAndMillisecondsMeanTheSameInstant(@ForAll @LongRange(min = NOW - 86_400 * 59, max = NOW + 3600)
                                                  long seconds) throws IOException {
        PointBatch b = read("[{\"metric\":\"a\",\"timestamp\":" + seconds + ",\"value\":1},"
                + "{\"metric\":\"a\",\"timestamp\":" + seconds * 1000 + ",\"value\":1}]");
        assertThat(b.points()).extracting(Point::timestamp).containsExactly(seconds * 1000, seconds * 1000);
    }

    private static String tags(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        return sb.toString();
    }

    private PointBatch read(String json) throws IOException {
        return PointBatch.read(stream(json), rules, "9.9.9.9", 1000);
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
