package io.sentrycloud.server.storage.victoriametrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.tsdb.TagFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesSelectorTest {

    @Test
    void everyFilterKindBecomesAMatcher() {
        assertThat(SeriesSelector.of("cpu.busy", List.of(
                TagFilter.parse("host", "h1"),
                TagFilter.parse("svc", "api.v1||a+b"),
                TagFilter.parse("dc", "*"),
                TagFilter.parse("rack", "~r[0-9]+"),
                TagFilter.notEqual("env", List.of("dev")),
                TagFilter.notEqual("zone", List.of("a", "b|c")))))
                .isEqualTo("{__name__=\"cpu.busy\",host=\"h1\",svc=~\"api\\\\.v1|a\\\\+b\",dc=~\".+\","
                        + "rack=~\"r[0-9]+\",env!=\"dev\",zone!~\"a|b\\\\|c\"}");
    }

    @Test
    void quotesAndLabelNamesAreEscaped() {
        assertThat(SeriesSelector.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(SeriesSelector.labelName("my.tag")).isEqualTo("my\\.tag");
        assertThat(SeriesSelector.labelName("1abc")).isEqualTo("\\1abc");
        assertThat(SeriesSelector.labelName("host_2")).isEqualTo("host_2");
    }

    @Test
    void looseRegexSelectsAnyValue() {
        assertThat(SeriesSelector.of("m", List.of(TagFilter.parse("h", "~h(?!0)")), true))
                .isEqualTo("{__name__=\"m\",h=~\".+\"}");
    }

    @Test
    void secondsKeepMilliseconds() {
        assertThat(VictoriaMetricsStore.seconds(1_795_619_112_446L)).isEqualTo("1795619112.446");
        assertThat(VictoriaMetricsStore.seconds(-1)).isEqualTo("-0.001");
    }
}
