package io.sentrycloud.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

    final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_005L), ZoneOffset.UTC);

    @Test
    void startIsAlignedToTheDownsampleAndEndIsExclusive() {
        TimeWindow w = resolve(1_700_000_007L, 1_700_000_100L, null, IntNode.valueOf(10));
        assertThat(w).isEqualTo(new TimeWindow(1_700_000_000_000L, 1_700_000_099_999L, 10_000));
    }

    @Test
    void lastCountsBackFromNowAndInvertedRangesAreSwapped() {
        assertThat(resolve(null, null, 60L, TextNode.valueOf("1m")))
                .isEqualTo(new TimeWindow(1_699_999_920_000L, 1_700_000_005_999L, 60_000));
        assertThat(resolve(200L, 100L, null, null)).isEqualTo(new TimeWindow(100_000, 199_999, 0));
    }

    @Test
    void downSampleUnits() {
        assertThat(TimeWindow.downSampleSeconds(TextNode.valueOf("10s"), 1_000_000)).isEqualTo(10);
        assertThat(TimeWindow.downSampleSeconds(TextNode.valueOf("5m"), 1_000_000)).isEqualTo(300);
        assertThat(TimeWindow.downSampleSeconds(TextNode.valueOf("1H"), 1_000_000)).isEqualTo(3600);
        assertThat(TimeWindow.downSampleSeconds(TextNode.valueOf("1d"), 1_000_000)).isEqualTo(86_400);
        assertThat(TimeWindow.downSampleSeconds(TextNode.valueOf("30"), 1_000_000)).isEqualTo(30);
        assertThat(TimeWindow.downSampleSeconds(IntNode.valueOf(30), 1_000_000)).isEqualTo(30);
        assertThat(TimeWindow.downSampleSeconds(null, 1_000_000)).isZero();
        assertThatThrownBy(() -> TimeWindow.downSampleSeconds(TextNode.valueOf("5w"), 1_000_000))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ApiCode.DOWN_SAMPLE))
                .hasMessageContaining("not a duration");
    }

    @Test
    void limitsAreRefusedWithCode9() {
        assertThatThrownBy(() -> resolve(1L, 40L * 86_400, null, IntNode.valueOf(86_400)))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ApiCode.RANGE_TOO_LARGE))
                .hasMessageContaining("31 days");
        assertThatThrownBy(() -> resolve(0L, null, 86_400L * 30, IntNode.valueOf(1)))
                .hasMessageContaining("query.max_points")
                .hasMessageContaining("use a down_sample of at least 130 s");
    }

    @Test
    void missingTimesAreExplained() {
        assertThatThrownBy(() -> resolve(null, null, null, null)).hasMessageContaining("give either 'last'");
        assertThatThrownBy(() -> resolve(5L, 5L, null, null)).hasMessageContaining("is empty");
    }

    private TimeWindow resolve(Long start, Long end, Long last, JsonNode ds) {
        return TimeWindow.resolve(start, end, last, ds, 31, 20_000, clock);
    }
}
