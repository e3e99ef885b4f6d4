package io.sentrycloud.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagFilterNotEqualTest {

    private final TagFilter notWeb = TagFilter.notEqual("host", List.of("web1", "web2"));

    @Test
    void refusesTheListedValuesOnly() {
        assertThat(notWeb.matches("web1")).isFalse();
        assertThat(notWeb.matches("web2")).isFalse();
        assertThat(notWeb.matches("db1")).isTrue();
    }

    @Test
    void seriesWithoutTheTagPasses() {
        assertThat(notWeb.matches(SeriesKey.of("cpu", Map.of("dc", "eu")))).isTrue();
        assertThat(notWeb.matches(SeriesKey.of("cpu", Map.of("host", "web2")))).isFalse();
    }
}
