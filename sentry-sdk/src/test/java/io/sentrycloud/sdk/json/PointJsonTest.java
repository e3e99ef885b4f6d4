package io.sentrycloud.sdk.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentrycloud.sdk.MetricPoint;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointJsonTest {

    @Test
    void encodesTheOriginalShapeFieldsInOrderTagsSorted() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("ip", "10.0.0.3");
        tags.put("app", "shop");
        byte[] json = PointJson.encode(List.of(
                new MetricPoint("sentry_sys_mem_usage", tags, 1700000000, 42.5),
                new MetricPoint("x", Map.of(), 1700000000123L, 3)));
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(
                "[{\"metric\":\"sentry_sys_mem_usage\",\"tags\":{\"app\":\"shop\",\"ip\":\"10.0.0.3\"},"
                        + "\"timestamp\":1700000000,\"value\":42.5},"
                        + "{\"metric\":\"x\",\"tags\":{},\"timestamp\":1700000000123,\"value\":3}]");
    }

    @Test
    void emptyListIsAnEmptyArray() {
        assertThat(PointJson.encode(List.of())).isEqualTo("[]".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void numbersAreWrittenLikeGoEncodingJson() {
        assertThat(number(0)).isEqualTo("0");
        assertThat(number(-0.0)).isEqualTo("0");
        assertThat(number(42)).isEqualTo("42");
        assertThat(number(-7)).isEqualTo("-7");
        assertThat(number(0.1)).isEqualTo("0.1");
        assertThat(number(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(number(123456789.125)).isEqualTo("123456789.125");
        assertThat(number(1e15)).isEqualTo("1000000000000000");
        assertThat(number(1.5e20)).isEqualTo("150000000000000000000");
        assertThat(number(1e21)).isEqualTo("1e+21");
        assertThat(number(-2.5e22)).isEqualTo("-2.5e+22");
        assertThat(number(0.000001)).isEqualTo("0.000001");
        assertThat(number(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(number(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(number(Double.MIN_VALUE)).isEqualTo("5e-324");
    }

    @Test
    void everyNumberReadsBackToTheSameDouble() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                continue;
            }
            assertThat(Double.parseDouble(number(v))).isEqualTo(v == 0 ? 0.0 : v);
        }
    }

    @Test
    void nonFiniteNumbersAreRefused() {
        assertThatThrownBy(() -> number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> number(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stringsEscapeQuotesBackslashesAndControlCharacters() {
        StringBuilder sb = new StringBuilder();
        PointJson.string(sb, "a\"b\\c\nd\te\u0001f/é€");
        assertThat(sb).hasToString("\"a\\\"b\\\\c\\nd\\te\\u0001f/é€\"");
    }

    private static String number(double v) {
        StringBuilder sb = new StringBuilder();
        PointJson.number(sb, v);
        return sb.toString();
    }
}
