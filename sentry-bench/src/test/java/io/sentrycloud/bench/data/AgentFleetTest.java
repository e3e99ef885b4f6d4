package io.sentrycloud.bench.data;

import io.sentrycloud.tsdb.Point;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AgentFleetTest {

    private static final AgentFleet.Spec SPEC = new AgentFleet.Spec(20, 50, 10_000, 1_700_000_000_000L, 42);

    @Test
    void sameSeedGivesSamePoints() {
        AgentFleet a = new AgentFleet(SPEC);
        AgentFleet b = new AgentFleet(SPEC);
        for (int round = 0; round < 5; round++) {
            assertThat(a.nextRound()).isEqualTo(b.nextRound());
        }
    }

    @Test
    void oneRoundHasOnePointPerSeriesAtTheRoundTime() {
        AgentFleet fleet = new AgentFleet(SPEC);
        fleet.nextRound();
        List<Point> second = fleet.nextRound();
        assertThat(second).hasSize(1_000);
        assertThat(second).extracting(Point::series).doesNotHaveDuplicates();
        assertThat(second).allSatisfy(p -> assertThat(p.timestamp() - SPEC.startMillis() - SPEC.intervalMillis())
                .isBetween(0L, 6L));
    }

    @Test
    void countersNeverDecreaseAndPercentagesStayInRange() {
        AgentFleet fleet = new AgentFleet(SPEC);
        List<Point> previous = fleet.nextRound();
        for (int round = 0; round < 50; round++) {
            List<Point> current = fleet.nextRound();
            for (int i = 0; i < current.size(); i++) {
                Point p = current.get(i);
                String metric = p.series().metric();
                if (metric.startsWith("sentry_bench_counter")) {
                    assertThat(p.value()).isGreaterThanOrEqualTo(previous.get(i).value());
                }
                if (metric.startsWith("sentry_bench_percent")) {
                    assertThat(p.value()).isBetween(0.0, 100.0);
                }
            }
            previous = current;
        }
    }

    @Test
    void influxLinesCarryEveryTagAndTheValue() {
        AgentFleet fleet = new AgentFleet(new AgentFleet.Spec(1, 1, 10_000, 1_700_000_000_000L, 7));
        Point p = fleet.nextRound().get(0);
        assertThat(InfluxLine.encode(List.of(p))).isEqualTo(
                "sentry_bench_percent_0,dc=dc0,host=host-0000,role=web value=" + p.value() + " 1700000000000\n");
    }
}
