package io.sentrycloud.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RatesTest {

    @Test
    void perSecondBetweenTwoReadingsNothingOnFirstOrReset() {
        Rates r = new Rates();
        assertThat(r.perSecond("a", 100, 1_000_000_000L)).isNaN();
        assertThat(r.perSecond("a", 600, 3_000_000_000L)).isEqualTo(250.0);
        assertThat(r.perSecond("a", 10, 4_000_000_000L)).isNaN(); // counter reset
        assertThat(r.perSecond("a", 20, 5_000_000_000L)).isEqualTo(10.0);
        assertThat(r.perSecond("b", 1, 5_000_000_000L)).isNaN();
    }

    @Test
    void delta() {
        Rates r = new Rates();
        assertThat(r.delta("x", 5)).isEqualTo(-1);
        assertThat(r.delta("x", 9)).isEqualTo(4);
        assertThat(r.delta("x", 3)).isEqualTo(-1);
    }

    @Test
    void roundStampsCommonTagsAndSkipsNonFiniteValues() {
        Round round = new Round(1700000000, Map.of("host", "h", "ip", "1.2.3.4"));
        round.add("m", Map.of("device", "sda", "host", "own"), 1.5);
        round.add("m", Double.NaN);
        round.add("m", Double.POSITIVE_INFINITY);
        round.add("n", 2);
        assertThat(round.points()).hasSize(2);
        assertThat(round.skipped()).isEqualTo(2);
        assertThat(round.points().get(0).tags()).containsEntry("host", "own").containsEntry("ip", "1.2.3.4")
                .containsEntry("device", "sda");
        assertThat(round.points().get(1).timestamp()).isEqualTo(1700000000);
    }
}
