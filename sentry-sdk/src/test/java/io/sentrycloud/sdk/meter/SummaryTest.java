package io.sentrycloud.sdk.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void exactStatisticsAndPercentilesWithinTheReservoir() {
        Summary s = new Summary();
        for (int i = 1; i <= 1000; i++) {
            s.record(i);
        }
        s.record(Double.NaN);
        Summary.Snapshot snap = s.drain();
        assertThat(snap.count).isEqualTo(1000);
        assertThat(snap.sum).isEqualTo(500500);
        assertThat(snap.min).isEqualTo(1);
        assertThat(snap.max).isEqualTo(1000);
        assertThat(snap.p50).isEqualTo(500);
        assertThat(snap.p90).isEqualTo(900);
        assertThat(snap.p99).isEqualTo(990);
        assertThat(s.drain()).isNull(); // a new step
    }

    @Test
    void pastTheReservoirCountsStayExactAndPercentilesClose() {
        Summary s = new Summary();
        for (int i = 1; i <= 100_000; i++) {
            s.record(i);
        }
        Summary.Snapshot snap = s.drain();
        assertThat(snap.count).isEqualTo(100_000);
        assertThat(snap.max).isEqualTo(100_000);
        // a uniform sample of 2048 values: the median is within a few percent
        assertThat(snap.p50).isBetween(45_000.0, 55_000.0);
        assertThat(snap.p99).isBetween(97_000.0, 100_000.0);
    }

    @Test
    void timersRecordMillisecondsAndCountersOnlyGrow() throws Exception {
        Timer t = new Timer();
        t.record(Duration.ofMillis(250));
        t.recordNanos(1_500_000);
        assertThat(t.time(() -> "x")).isEqualTo("x");
        Summary.Snapshot snap = t.drain();
        assertThat(snap.count).isEqualTo(3);
        assertThat(snap.max).isEqualTo(250.0);
        assertThat(snap.min).isLessThan(1.5);
        Counter c = new Counter();
        c.increment(5);
        assertThatThrownBy(() -> c.increment(-1)).hasMessageContaining("only grows");
        assertThat(c.drain()).isEqualTo(5);
        assertThat(c.drain()).isZero();
        assertThatThrownBy(() -> new MeterId("", Map.of())).hasMessageContaining("name");
    }
}
