package io.sentrycloud.server.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.embedded.EmbeddedOptions;
import io.sentrycloud.tsdb.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PromQL subset over a real embedded store. */
class PromEvaluatorTest {

    @TempDir
    Path dir;
    EmbeddedStore store;
    /** A minute boundary an hour ago; counters tick every 15 s from here. */
    final long t0 = System.currentTimeMillis() / 60_000 * 60_000 - 3_600_000;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(EmbeddedOptions.defaults(dir));
        List<Point> points = new ArrayList<>();
        for (int i = 0; i <= 8; i++) {
            long t = t0 + i * 15_000L;
            // a: +1 per second; b: +2 per second, reset to 0 at i = 5
            points.add(Point.of("reqs", Map.of("job", "api", "host", "a"), t, i * 15));
            points.add(Point.of("reqs", Map.of("job", "api", "host", "b"), t, (i < 5 ? i : i - 5) * 30));
            points.add(Point.of("reqs", Map.of("job", "db", "host", "c"), t, 100));
            points.add(Point.of("temp", Map.of("host", "a"), t, 20 + i));
            points.add(Point.of("temp2", Map.of("host", "a"), t, i));
        }
        store.write(points);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private PromEvaluator.Result at(String query, long t) {
        return new PromEvaluator(store, 1000, 1000).evaluate(PromParser.parse(query), t, t, 0);
    }

    private Map<String, Double> values(String query, long t, String label) {
        Map<String, Double> out = new TreeMap<>();
        for (PromEvaluator.Line l : at(query, t).series()) {
            out.put(l.labels().getOrDefault(label, ""), l.values().get(0));
        }
        return out;
    }

    @Test
    void instantSelectorTakesTheLatestSampleWithinLookback() {
        assertThat(values("temp", t0 + 50_000, "host")).containsEntry("a", 23.0);
        assertThat(values("temp", t0 + 120_000 + 299_000, "host")).containsEntry("a", 28.0);
        assertThat(at("temp", t0 + 120_000 + 301_000).series()).isEmpty(); // past the 5 m lookback
        assertThat(values("reqs{job=~\"a.*\", host!=\"b\"}", t0 + 60_000, "host")).containsOnlyKeys("a");
        assertThat(values("{__name__=~\"re.*\", job!~\"api\"}", t0 + 60_000, "host")).containsOnlyKeys("c");
        assertThat(values("reqs{nothere=\"\"}", t0 + 60_000, "host")).containsOnlyKeys("a", "b", "c");
        assertThat(at("reqs", t0 + 60_000).series().get(0).labels()).containsEntry("__name__", "reqs");
    }

    @Test
    void rateIncreaseAndIrateWithCounterResets() {
        long t = t0 + 120_000;
        assertThat(values("rate(reqs{host=\"a\"}[1m])", t, "host").get("a")).isCloseTo(1.0, within(1e-9));
        assertThat(values("increase(reqs{host=\"a\"}[1m])", t, "host").get("a")).isCloseTo(60.0, within(1e-9));
        // b in (t0, t0+2m]: 30,60,90,120 | 0,30,60,90: increase 180 over 105 s of samples, extrapolated by 15 s
        // to the range start (Prometheus' algorithm), per 120 s: 12/7
        assertThat(values("rate(reqs{host=\"b\"}[2m])", t, "host").get("b")).isCloseTo(12.0 / 7, within(1e-9));
        assertThat(values("irate(reqs{host=\"b\"}[1m])", t, "host").get("b")).isCloseTo(2.0, within(1e-9));
        assertThat(values("rate(reqs{host=\"c\"}[1m])", t, "host").get("c")).isZero();
        assertThat(at("rate(reqs[1m])", t).series().get(0).labels()).doesNotContainKey("__name__");
    }

    @Test
    void overTimeFunctions() {
        long t = t0 + 60_000; // temp samples in (t0, t0+60s]: 21, 22, 23, 24
        assertThat(values("avg_over_time(temp[1m])", t, "host")).containsEntry("a", 22.5);
        assertThat(values("min_over_time(temp[1m])", t, "host")).containsEntry("a", 21.0);
        assertThat(values("max_over_time(temp[1m])", t, "host")).containsEntry("a", 24.0);
        assertThat(values("sum_over_time(temp[1m])", t, "host")).containsEntry("a", 90.0);
        assertThat(values("count_over_time(temp[1m])", t, "host")).containsEntry("a", 4.0);
        assertThat(values("last_over_time(temp[1m])", t, "host")).containsEntry("a", 24.0);
    }

    @Test
    void aggregationsTopkAndArithmetic() {
        long t = t0 + 60_000; // reqs: a=60, b=120, c=100
        assertThat(values("sum by (job) (reqs)", t, "job")).containsExactlyEntriesOf(
                new TreeMap<>(Map.of("api", 180.0, "db", 100.0)));
        assertThat(values("avg without (host) (reqs)", t, "job")).containsEntry("api", 90.0);
        assertThat(values("max(reqs)", t, "job")).containsEntry("", 120.0);
        assertThat(values("count(reqs)", t, "job")).containsEntry("", 3.0);
        assertThat(values("min(reqs)", t, "job")).containsEntry("", 60.0);
        assertThat(values("topk(2, reqs)", t, "host")).containsOnlyKeys("b", "c");
        assertThat(values("bottomk by (job) (1, reqs)", t, "host")).containsOnlyKeys("a", "c");
        assertThat(values("reqs * 2 + 1", t, "host")).containsEntry("a", 121.0);
        assertThat(values("reqs > 90", t, "host")).containsOnlyKeys("b", "c");
        assertThat(values("reqs > bool 90", t, "host")).containsEntry("a", 0.0).containsEntry("b", 1.0);
        assertThat(values("reqs / ignoring(job) temp", t, "host")).containsOnlyKeys("a")
                .containsEntry("a", 60.0 / 24);
        assertThat(values("-temp", t, "host")).containsEntry("a", -24.0);
        PromEvaluator.Result scalar = at("2 * (3 + time() - time())", t);
        assertThat(scalar.scalar()).isTrue();
        assertThat(scalar.series().get(0).values()).containsExactly(6.0);
        assertThat(values("vector(scalar(max(reqs)))", t, "x")).containsEntry("", 120.0);
    }

    @Test
    void rangeEvaluationGivesOneValuePerStep() {
        PromEvaluator.Result r = new PromEvaluator(store, 1000, 1000)
                .evaluate(PromParser.parse("temp"), t0, t0 + 120_000, 30_000);
        assertThat(r.series()).hasSize(1);
        assertThat(r.series().get(0).values()).containsExactly(20.0, 22.0, 24.0, 26.0, 28.0);
        assertThat(r.series().get(0).times()).containsExactly(t0, t0 + 30_000, t0 + 60_000, t0 + 90_000,
                t0 + 120_000);
    }

    @Test
    void ambiguitiesAndLimitsAreExecutionErrors() {
        assertThatThrownBy(() -> at("rate({__name__=~\"temp.*\", host=\"a\"}[1m])", t0 + 60_000))
                .isInstanceOfSatisfying(PromQLException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("execution");
                    assertThat(e.getMessage()).contains("same labelset");
                });
        assertThatThrownBy(() -> at("reqs + on(job) reqs", t0 + 60_000))
                .hasMessageContaining("many-to-many matching is not supported");
        assertThatThrownBy(() -> new PromEvaluator(store, 2, 1000).evaluate(PromParser.parse("reqs"), t0, t0, 0))
                .hasMessageContaining("more than 2 series");
    }

    @Test
    void seriesLabelsForTheMetadataEndpoints() {
        List<SortedMap<String, String>> s = new PromEvaluator(store, 1000, 1000)
                .seriesLabels(PromParser.parseSelector("reqs{job=\"api\"}"));
        assertThat(s).extracting(m -> m.get("host")).containsExactlyInAnyOrder("a", "b");
    }
}
