package io.sentrycloud.agent.listen;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.sdk.MetricPoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StatsdAggregatorTest {

    private final StatsdAggregator agg = new StatsdAggregator("10.0.0.1");

    private int add(String lines) {
        byte[] b = lines.getBytes(StandardCharsets.UTF_8);
        return agg.add(b, b.length);
    }

    private static Map<String, Double> byName(List<MetricPoint> points) {
        return points.stream().collect(Collectors.toMap(p -> p.metric() + p.tags().getOrDefault("env", ""),
                MetricPoint::value));
    }

    @Test
    void countersGaugesTimersAndSets() {
        assertThat(add("app.hits:1|c\napp.hits:2|c|@0.5\napp.temp:20|g\napp.temp:+3|g\napp.temp:-1|g\n"
                + "app.lat:10|ms\napp.lat:30|ms\napp.lat:20|h\napp.users:alice|s\napp.users:bob|s\napp.users:alice|s"))
                .isEqualTo(11);
        Map<String, Double> got = byName(agg.flush(1700000000));
        assertThat(got).containsEntry("app.hits", 5.0).containsEntry("app.temp", 22.0)
                .containsEntry("app.lat_count", 3.0).containsEntry("app.lat_min", 10.0)
                .containsEntry("app.lat_max", 30.0).containsEntry("app.lat_mean", 20.0)
                .containsEntry("app.lat_p50", 20.0).containsEntry("app.lat_p99", 30.0)
                .containsEntry("app.users", 2.0);
        // counters, timers and sets start again; gauges keep their value
        assertThat(byName(agg.flush(1700000010))).containsOnlyKeys("app.temp").containsEntry("app.temp", 22.0);
    }

    @Test
    void dogStatsdTagsAndSentryIp() {
        add("req:1|c|#env:prod,region:eu\nreq:1|c|#env:dev\nreq:1|c|#env:prod,region:eu");
        List<MetricPoint> points = agg.flush(1);
        assertThat(byName(points)).containsEntry("reqprod", 2.0).containsEntry("reqdev", 1.0);
        assertThat(points).allSatisfy(p -> assertThat(p.tags()).containsEntry("sentryIP", "10.0.0.1"));
        assertThat(points).allSatisfy(p -> assertThat(p.timestamp()).isEqualTo(1));
    }

    @Test
    void malformedLinesAreRefusedAndNamesSanitized() {
        assertThat(add("nocolon|c\nx:1\nx:abc|c\nx:1|q\nx:1|c|@2\n:1|c\nmy metric/1:4|c|#bad key:v")).isEqualTo(1);
        assertThat(agg.refused()).isEqualTo(6);
        MetricPoint p = agg.flush(1).get(0);
        assertThat(p.metric()).isEqualTo("my_metric_1");
        assertThat(p.tags()).containsEntry("bad_key", "v");
    }

    @Test
    void nearestRankPercentiles() {
        double[] s = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(StatsdAggregator.percentile(s, 50)).isEqualTo(5);
        assertThat(StatsdAggregator.percentile(s, 90)).isEqualTo(9);
        assertThat(StatsdAggregator.percentile(s, 99)).isEqualTo(10);
        assertThat(StatsdAggregator.percentile(new double[]{7}, 1)).isEqualTo(7);
    }
}
