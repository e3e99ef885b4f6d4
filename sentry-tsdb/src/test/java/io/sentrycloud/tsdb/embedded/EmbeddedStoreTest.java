package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.Aggregation;
import io.sentrycloud.tsdb.DataPoint;
import io.sentrycloud.tsdb.LimitExceededException;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.SeriesResult;
import io.sentrycloud.tsdb.StoreException;
import io.sentrycloud.tsdb.TagFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedStoreTest {

    /** A fixed "now" well after the test timestamps, so the 60-day retention keeps them. */
    static final long NOW = 1_700_000_000_000L;
    static final long T0 = NOW - 3_600_000L;

    @TempDir
    Path dir;

    private final List<EmbeddedStore> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(EmbeddedStore::close);
    }

    EmbeddedOptions options() {
        return EmbeddedOptions.defaults(dir).withClock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    }

    EmbeddedStore open(EmbeddedOptions o) {
        EmbeddedStore s = EmbeddedStore.open(o);
        opened.add(s);
        return s;
    }

    static Point p(String metric, Map<String, String> tags, long ts, double v) {
        return Point.of(metric, tags, ts, v);
    }

    static Query q(String metric, long downsample, Aggregation agg, List<TagFilter> filters, List<String> groupBy) {
        return new Query(metric, filters, T0, T0 + 100_000, downsample, agg, groupBy);
    }

    /** Two hosts, 10 s apart samples, buckets of 20 s: host a: 1,2 | 3 ; host b: 10,20 | 30. */
    EmbeddedStore cpuStore() {
        EmbeddedStore s = open(options());
        s.write(List.of(
                p("cpu", Map.of("host", "a", "dc", "x"), T0, 1),
                p("cpu", Map.of("host", "a", "dc", "x"), T0 + 10_000, 2),
                p("cpu", Map.of("host", "a", "dc", "x"), T0 + 20_000, 3),
                p("cpu", Map.of("host", "b", "dc", "y"), T0 + 1_000, 10),
                p("cpu", Map.of("host", "b", "dc", "y"), T0 + 10_000, 20),
                p("cpu", Map.of("host", "b", "dc", "y"), T0 + 20_000, 30)));
        return s;
    }

    static List<DataPoint> single(List<SeriesResult> results) {
        assertThat(results).hasSize(1);
        return results.get(0).points();
    }

    @Test
    void eachAggregationReducesEveryPointOfTheBucketAcrossSeries() {
        EmbeddedStore s = cpuStore();
        assertThat(Math.floorMod(T0, 20_000L)).isZero();
        assertThat(single(s.query(q("cpu", 20_000, Aggregation.SUM, List.of(), List.of()))))
                .containsExactly(new DataPoint(T0, 33), new DataPoint(T0 + 20_000, 33));
        assertThat(single(s.query(q("cpu", 20_000, Aggregation.AVG, List.of(), List.of()))))
                .containsExactly(new DataPoint(T0, 8.25), new DataPoint(T0 + 20_000, 16.5));
        assertThat(single(s.query(q("cpu", 20_000, Aggregation.MAX, List.of(), List.of()))))
                .containsExactly(new DataPoint(T0, 20), new DataPoint(T0 + 20_000, 30));
        assertThat(single(s.query(q("cpu", 20_000, Aggregation.MIN, List.of(), List.of()))))
                .containsExactly(new DataPoint(T0, 1), new DataPoint(T0 + 20_000, 3));
        assertThat(single(s.query(q("cpu", 20_000, Aggregation.COUNT, List.of(), List.of()))))
                .containsExactly(new DataPoint(T0, 4), new DataPoint(T0 + 20_000, 2));
        // bucket T0: latest timestamp T0+10s is shared by a (2) and b (20); b sorts later and wins
        assertThat(single(s.query(q("cpu", 20_000, Aggregation.LAST, List.of(), List.of()))))
                .containsExactly(new DataPoint(T0, 20), new DataPoint(T0 + 20_000, 30));
    }

    @Test
    void lastTakesTheValueWithTheGreatestTimestamp() {
        EmbeddedStore s = open(options());
        s.write(List.of(p("m", Map.of("h", "a"), T0 + 5_000, 7), p("m", Map.of("h", "b"), T0 + 1_000, 9)));
        assertThat(single(s.query(q("m", 20_000, Aggregation.LAST, List.of(), List.of()))))
                .containsExactly(new DataPoint(T0, 7));
    }

    @Test
    void downsampleZeroKeepsEveryDistinctTimestamp() {
        EmbeddedStore s = cpuStore();
        assertThat(single(s.query(q("cpu", 0, Aggregation.SUM, List.of(), List.of()))))
                .containsExactly(new DataPoint(T0, 1), new DataPoint(T0 + 1_000, 10),
                        new DataPoint(T0 + 10_000, 22), new DataPoint(T0 + 20_000, 33));
    }

    @Test
    void rangeBoundsAreInclusive() {
        EmbeddedStore s = cpuStore();
        var r = s.query(new Query("cpu", List.of(), T0 + 1_000, T0 + 10_000, 0, Aggregation.COUNT, List.of()));
        assertThat(single(r)).containsExactly(new DataPoint(T0 + 1_000, 1), new DataPoint(T0 + 10_000, 2));
    }

    @Test
    void groupByReturnsOneSortedResultPerGroupWithOnlyTheGroupTags() {
        EmbeddedStore s = cpuStore();
        s.write(List.of(p("cpu", Map.of("host", "c", "dc", "x"), T0, 100)));
        var byDc = s.query(q("cpu", 20_000, Aggregation.SUM, List.of(), List.of("dc")));
        assertThat(byDc).extracting(SeriesResult::tags).containsExactly(Map.of("dc", "x"), Map.of("dc", "y"));
        assertThat(byDc.get(0).points()).containsExactly(new DataPoint(T0, 103), new DataPoint(T0 + 20_000, 3));
        assertThat(byDc.get(1).points()).containsExactly(new DataPoint(T0, 30), new DataPoint(T0 + 20_000, 30));
        assertThat(byDc).extracting(SeriesResult::metric).containsOnly("cpu");

        var byHost = s.query(q("cpu", 20_000, Aggregation.MAX, List.of(), List.of("host")));
        assertThat(byHost).extracting(r -> r.tags().get("host")).containsExactly("a", "b", "c");
    }

    @Test
    void seriesWithoutTheGroupByTagFormTheirOwnGroup() {
        EmbeddedStore s = open(options());
        s.write(List.of(p("m", Map.of("h", "a"), T0, 1), p("m", Map.of("other", "z"), T0, 2)));
        var r = s.query(q("m", 0, Aggregation.SUM, List.of(), List.of("h")));
        assertThat(r).extracting(SeriesResult::tags).containsExactly(Map.of(), Map.of("h", "a"));
    }

    @Test
    void filtersSelectSeriesExactlyAlternativesWildcardAndRegex() {
        EmbeddedStore s = open(options());
        s.write(List.of(
                p("m", Map.of("host", "web1", "role", "web"), T0, 1),
                p("m", Map.of("host", "web2", "role", "web"), T0, 2),
                p("m", Map.of("host", "db1", "role", "db"), T0, 4),
                p("m", Map.of("host", "lonely"), T0, 8)));
        assertThat(sumAt(s, List.of(TagFilter.parse("host", "web1")))).isEqualTo(1);
        assertThat(sumAt(s, List.of(TagFilter.parse("host", "web1||db1")))).isEqualTo(5);
        assertThat(sumAt(s, List.of(TagFilter.parse("role", "*")))).isEqualTo(7);
        assertThat(sumAt(s, List.of(TagFilter.parse("host", "~web\\d")))).isEqualTo(3);
        assertThat(sumAt(s, List.of(TagFilter.parse("host", "~web")))).as("regex is anchored").isNaN();
        assertThat(sumAt(s, List.of(TagFilter.parse("role", "web"), TagFilter.parse("host", "~.*2"))))
                .isEqualTo(2);
        assertThat(sumAt(s, List.of(TagFilter.parse("nosuchtag", "*")))).isNaN();
        assertThat(s.query(q("nosuchmetric", 0, Aggregation.SUM, List.of(), List.of()))).isEmpty();
    }

    private static double sumAt(EmbeddedStore s, List<TagFilter> filters) {
        var r = s.query(q("m", 0, Aggregation.SUM, filters, List.of()));
        return r.isEmpty() ? Double.NaN : single(r).get(0).value();
    }

    @Test
    void listingsArePrefixedSortedAndLimited() {
        EmbeddedStore s = open(options());
        s.write(List.of(
                p("sentry_sys_mem", Map.of("ip", "10.0.0.2"), T0, 1),
                p("sentry_sys_cpu", Map.of("ip", "10.0.0.1", "core", "0"), T0, 1),
                p("sentry_sys_cpu", Map.of("ip", "10.0.0.2", "core", "1"), T0, 1),
                p("sentry_sys_cpu", Map.of("ip", "192.168.0.1", "core", "0"), T0, 1),
                p("app_qps", Map.of("api", "/x"), T0, 1)));
        assertThat(s.metrics("", 10)).containsExactly("app_qps", "sentry_sys_cpu", "sentry_sys_mem");
        assertThat(s.metrics("sentry", 10)).containsExactly("sentry_sys_cpu", "sentry_sys_mem");
        assertThat(s.metrics("sentry", 1)).containsExactly("sentry_sys_cpu");
        assertThat(s.metrics("zzz", 10)).isEmpty();
        assertThat(s.tagKeys("sentry_sys_cpu")).containsExactly("core", "ip");
        assertThat(s.tagKeys("nope")).isEmpty();
        assertThat(s.tagValues("sentry_sys_cpu", "ip", List.of(), "10.", 10))
                .containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(s.tagValues("sentry_sys_cpu", "ip", List.of(), "", 2)).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(s.tagValues("sentry_sys_cpu", "ip", List.of(TagFilter.exact("core", "0")), "", 10))
                .containsExactly("10.0.0.1", "192.168.0.1");
        assertThat(s.series("sentry_sys_cpu", List.of(TagFilter.parse("core", "0")), 10)).containsExactly(
                SeriesKey.of("sentry_sys_cpu", Map.of("ip", "10.0.0.1", "core", "0")),
                SeriesKey.of("sentry_sys_cpu", Map.of("ip", "192.168.0.1", "core", "0")));
        assertThat(s.series("sentry_sys_cpu", List.of(), 1)).hasSize(1);
        assertThatThrownBy(() -> s.metrics("", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void outOfOrderAndDuplicateTimestampsAreSortedAndTheLastWriteWins() {
        EmbeddedStore s = open(options());
        var tags = Map.of("h", "a");
        s.write(List.of(p("m", tags, T0 + 3_000, 3), p("m", tags, T0 + 1_000, 1), p("m", tags, T0 + 2_000, 2)));
        s.write(List.of(p("m", tags, T0 + 2_000, 20), p("m", tags, T0 + 2_000, 22), p("m", tags, T0, 0)));
        List<DataPoint> expected = List.of(new DataPoint(T0, 0), new DataPoint(T0 + 1_000, 1),
                new DataPoint(T0 + 2_000, 22), new DataPoint(T0 + 3_000, 3));
        assertThat(single(s.query(q("m", 0, Aggregation.SUM, List.of(), List.of())))).isEqualTo(expected);
        assertThat(s.stats().pointCount()).isEqualTo(4);
        s.close();
        EmbeddedStore reopened = open(options());
        assertThat(single(reopened.query(q("m", 0, Aggregation.SUM, List.of(), List.of())))).isEqualTo(expected);
    }

    @Test
    void restartGivesTheSameAnswers() {
        EmbeddedStore s = cpuStore();
        Query query = q("cpu", 20_000, Aggregation.AVG, List.of(TagFilter.parse("dc", "*")), List.of("host"));
        var before = s.query(query);
        var statsBefore = s.stats();
        s.close();
        EmbeddedStore reopened = open(options());
        assertThat(reopened.query(query)).isEqualTo(before);
        assertThat(reopened.metrics("", 10)).containsExactly("cpu");
        assertThat(reopened.stats().seriesCount()).isEqualTo(statsBefore.seriesCount());
        assertThat(reopened.stats().pointCount()).isEqualTo(statsBefore.pointCount());
        // new series after a restart get fresh ids and do not clobber old ones
        reopened.write(List.of(p("cpu", Map.of("host", "new", "dc", "z"), T0, 1000)));
        assertThat(reopened.query(q("cpu", 0, Aggregation.COUNT, List.of(), List.of()))).hasSize(1);
        assertThat(reopened.series("cpu", List.of(), 10)).hasSize(3);
        reopened.close();
        assertThat(open(options()).series("cpu", List.of(), 10)).hasSize(3);
    }

    @Test
    void intervalFsyncPolicyAlsoPersists() {
        EmbeddedOptions o = options().withFsync(FsyncPolicy.everyMillis(5));
        EmbeddedStore s = open(o);
        s.write(List.of(p("m", Map.of("h", "a"), T0, 1.5)));
        s.close();
        assertThat(single(open(o).query(q("m", 0, Aggregation.SUM, List.of(), List.of()))))
                .containsExactly(new DataPoint(T0, 1.5));
    }

    @Test
    void aNewSeriesPastTheActiveLimitRejectsTheWholeBatch() {
        EmbeddedStore s = open(options().withMaxActiveSeries(2));
        s.write(List.of(p("m", Map.of("h", "a"), T0, 1), p("m", Map.of("h", "b"), T0, 1)));
        List<Point> batch = List.of(p("m", Map.of("h", "a"), T0 + 1_000, 5), p("m", Map.of("h", "c"), T0, 1));
        assertThatThrownBy(() -> s.write(batch)).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("limit of 2").hasMessageContaining("h=\"c\"");
        assertThat(s.stats().seriesCount()).isEqualTo(2);
        assertThat(s.stats().pointCount()).as("the known series' point was not stored either").isEqualTo(2);
        s.write(List.of(p("m", Map.of("h", "a"), T0 + 2_000, 5)));
        s.close();
        EmbeddedStore reopened = open(options().withMaxActiveSeries(2));
        assertThat(reopened.stats().pointCount()).isEqualTo(3);
        assertThat(reopened.series("m", List.of(), 10)).hasSize(2);
    }

    @Test
    void queriesPastTheSeriesOrPointLimitAreRefusedWithTheNumbers() {
        EmbeddedStore s = open(options().withQueryLimits(2, 5));
        List<Point> batch = new ArrayList<>();
        for (int h = 0; h < 3; h++) {
            for (int i = 0; i < 3; i++) {
                batch.add(p("m", Map.of("h", "h" + h), T0 + i * 1000L, i));
            }
        }
        s.write(batch);
        assertThatThrownBy(() -> s.query(q("m", 0, Aggregation.SUM, List.of(), List.of())))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("3 series")
                .hasMessageContaining("limit of 2");
        assertThatThrownBy(() -> s.query(q("m", 0, Aggregation.SUM, List.of(TagFilter.parse("h", "h0||h1")),
                List.of()))).isInstanceOf(LimitExceededException.class).hasMessageContaining("6 points")
                .hasMessageContaining("limit of 5");
        var narrow = new Query("m", List.of(TagFilter.parse("h", "h0||h1")), T0, T0 + 1_000, 0,
                Aggregation.SUM, List.of());
        assertThat(single(s.query(narrow))).containsExactly(new DataPoint(T0, 0), new DataPoint(T0 + 1_000, 2));
    }

    @Test
    void pointsOlderThanTheRetentionAreDropped() {
        long day = 86_400_000L;
        EmbeddedStore s = open(options().withKeepDays(2));
        s.write(List.of(p("m", Map.of(), NOW - 3 * day, 1), p("m", Map.of(), NOW - day, 2)));
        assertThat(s.expiredPointsDropped()).isEqualTo(1);
        assertThat(s.stats().pointCount()).isEqualTo(1);
        s.close();
        // the clock moves on: the remaining point ages out at the next sweep and is not replayed
        Clock later = Clock.fixed(Instant.ofEpochMilli(NOW + 2 * day), ZoneOffset.UTC);
        EmbeddedStore reopened = open(options().withKeepDays(2).withClock(later));
        assertThat(reopened.stats().pointCount()).isZero();
    }

    @Test
    void retentionSweepDropsAgedPoints() {
        long day = 86_400_000L;
        long[] now = {NOW};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }
        };
        EmbeddedStore s = open(options().withKeepDays(1).withClock(moving));
        s.write(List.of(p("m", Map.of(), NOW - 1_000, 1), p("m", Map.of(), NOW, 2)));
        now[0] = NOW + day - 500;
        s.applyRetention();
        assertThat(single(s.query(new Query("m", List.of(), 0, Long.MAX_VALUE, 0, Aggregation.SUM, List.of()))))
                .containsExactly(new DataPoint(NOW, 2));
        assertThat(s.stats().pointCount()).isEqualTo(1);
    }

    @Test
    void statsReportSeriesPointsDiskAndMemory() {
        EmbeddedStore s = cpuStore();
        var stats = s.stats();
        assertThat(stats.seriesCount()).isEqualTo(2);
        assertThat(stats.pointCount()).isEqualTo(6);
        assertThat(stats.diskBytes()).isGreaterThan(6 * 9);
        assertThat(stats.memoryBytes()).isGreaterThan(6 * 16);
    }

    @Test
    void aDataDirectoryIsHeldByOneStoreAndAClosedStoreRefusesCalls() {
        EmbeddedStore s = open(options());
        assertThatThrownBy(() -> EmbeddedStore.open(options())).isInstanceOf(StoreException.class)
                .hasMessageContaining("in use");
        s.close();
        assertThatThrownBy(() -> s.write(List.of(p("m", Map.of(), T0, 1)))).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> s.query(q("m", 0, Aggregation.SUM, List.of(), List.of())))
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");
        open(options()).close();
    }

    @Test
    void concurrentWritersAllLandAndSurviveARestart() throws Exception {
        EmbeddedStore s = open(options());
        int threads = 4;
        int batches = 50;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(new Thread(() -> {
                for (int b = 0; b < batches; b++) {
                    List<Point> batch = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        batch.add(p("m", Map.of("w", "w" + id, "i", "i" + i), T0 + b * 1000L, 1));
                    }
                    s.write(batch);
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        Query count = new Query("m", List.of(), T0, T0 + 1_000_000, 1_000_000, Aggregation.COUNT, List.of());
        assertThat(single(s.query(count))).containsExactly(new DataPoint(
                T0 - Math.floorMod(T0, 1_000_000L), threads * batches * 10));
        s.close();
        EmbeddedStore reopened = open(options());
        assertThat(reopened.stats().seriesCount()).isEqualTo(threads * 10);
        assertThat(single(reopened.query(count)).get(0).value()).isEqualTo(threads * batches * 10);
    }

    @Test
    void rateTurnsCountersIntoPerSecondIncreasesAcrossResets() {
        EmbeddedStore s = open(options());
        s.write(List.of(p("bytes", Map.of("h", "a"), T0, 100), p("bytes", Map.of("h", "a"), T0 + 10_000, 300),
                p("bytes", Map.of("h", "a"), T0 + 20_000, 50), p("bytes", Map.of("h", "a"), T0 + 30_000, 250)));
        Query q = new Query("bytes", List.of(), T0, T0 + 100_000, 0, Aggregation.SUM, List.of()).withRate();
        // +200 in 10 s, a reset (50 counted from 0), +200 in 10 s
        assertThat(single(s.query(q))).containsExactly(new DataPoint(T0 + 10_000, 20),
                new DataPoint(T0 + 20_000, 5), new DataPoint(T0 + 30_000, 20));
    }

    @Test
    void rankReturnsTopAndBottomGroupsByTheAggregateOfTheRange() {
        EmbeddedStore s = cpuStore();
        Query q = new Query("cpu", List.of(), T0, T0 + 100_000, 0, Aggregation.AVG, List.of("host"));
        List<SeriesResult> top = s.rank(q, io.sentrycloud.tsdb.TimeSeriesStore.Ranking.TOP, 1);
        assertThat(top).hasSize(1);
        assertThat(top.get(0).tags()).isEqualTo(Map.of("host", "b"));
        assertThat(top.get(0).points()).containsExactly(new DataPoint(T0, 20));
        List<SeriesResult> bottom = s.rank(q, io.sentrycloud.tsdb.TimeSeriesStore.Ranking.BOTTOM, 5);
        assertThat(bottom).extracting(r -> r.tags().get("host")).containsExactly("a", "b");
        assertThat(bottom.get(0).points()).containsExactly(new DataPoint(T0, 2));
    }
}
