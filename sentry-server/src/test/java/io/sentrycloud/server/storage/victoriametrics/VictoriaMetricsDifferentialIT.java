package io.sentrycloud.server.storage.victoriametrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.tsdb.Aggregation;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.SeriesResult;
import io.sentrycloud.tsdb.TagFilter;
import io.sentrycloud.tsdb.TimeSeriesStore;
import io.sentrycloud.tsdb.embedded.EmbeddedOptions;
import io.sentrycloud.tsdb.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same agent-like data in the embedded store and in a real VictoriaMetrics through {@link VictoriaMetricsStore};
 * every query kind and every listing must answer identically, point by point and bit for bit.
 *
 * <p>No tolerance is needed: the VictoriaMetrics store reduces exported raw points with the embedded store's own
 * {@link io.sentrycloud.tsdb.BucketAggregates}, in the same series order, so float sums are added in the same
 * order. The generated values have at most three decimals (as agents send them), which VictoriaMetrics' decimal
 * storage keeps exactly.
 */
class VictoriaMetricsDifferentialIT {

    private static final long HOUR = 3_600_000L;
    private static final List<Long> DOWNSAMPLES = List.of(0L, 10_000L, 60_000L, HOUR);

    @TempDir
    static Path dir;

    private static VictoriaMetricsServer vm;
    private static EmbeddedStore embedded;
    private static VictoriaMetricsStore remote;
    private static long start;
    private static long end;

    @BeforeAll
    static void load() {
        vm = VictoriaMetricsServer.start();
        embedded = EmbeddedStore.open(EmbeddedOptions.defaults(dir.resolve("embedded")));
        remote = VictoriaMetricsStore.open(VictoriaMetricsOptions.singleNode(vm.url()).withWriting(3_000, 50_000, 3, 2));
        // three whole hours ending in the last hour, so hour buckets are cut at both ends
        long now = System.currentTimeMillis();
        start = now - now % HOUR - 3 * HOUR + 1_234;
        end = now - 60_000;
        List<Point> points = new Fleet(new Random(20261125)).points(start, end);
        for (int i = 0; i < points.size(); i += 5_000) {
            List<Point> batch = points.subList(i, Math.min(points.size(), i + 5_000));
            embedded.write(batch);
            remote.write(batch);
        }
        vm.flush();
        assertThat(remote.importedPoints()).isEqualTo(points.size());
    }

    @AfterAll
    static void stop() {
        if (remote != null) {
            remote.close();
        }
        if (embedded != null) {
            embedded.close();
        }
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void everyAggregationDownsampleAndGrouping() {
        int nonEmpty = 0;
        for (Aggregation a : Aggregation.values()) {
            for (long ds : DOWNSAMPLES) {
                for (List<String> groupBy : List.of(List.<String>of(), List.of("host"), List.of("region"),
                        List.of("host", "core"))) {
                    nonEmpty += compare(new Query("cpu.usage", List.of(), start, end, ds, a, groupBy));
                }
            }
        }
        assertThat(nonEmpty).isEqualTo(Aggregation.values().length * DOWNSAMPLES.size() * 4);
    }

    @Test
    void everyFilterKind() {
        Map<String, List<TagFilter>> filters = new LinkedHashMap<>();
        filters.put("exact", List.of(TagFilter.parse("host", "h03")));
        filters.put("any of", List.of(TagFilter.parse("host", "h01||h05||h09")));
        filters.put("any of with regex characters", List.of(TagFilter.parse("service", "api.v1||web(x)||a+b")));
        filters.put("wildcard", List.of(TagFilter.parse("service", "*")));
        filters.put("regex", List.of(TagFilter.parse("host", "~h0[2-5]")));
        filters.put("regex RE2 lacks", List.of(TagFilter.parse("host", "~h(?!0)\\d+")));
        filters.put("not equal", List.of(TagFilter.notEqual("service", List.of("api.v1"))));
        filters.put("not equal, several", List.of(TagFilter.notEqual("region", List.of("east", "west"))));
        filters.put("combined", List.of(TagFilter.parse("region", "east||north"), TagFilter.parse("host", "*"),
                TagFilter.notEqual("host", List.of("h00"))));
        filters.put("nothing matches", List.of(TagFilter.parse("host", "nope")));
        for (String metric : List.of("cpu.usage", "mem.used", "app.latency")) {
            for (var f : filters.entrySet()) {
                for (Aggregation a : List.of(Aggregation.SUM, Aggregation.AVG, Aggregation.LAST, Aggregation.COUNT)) {
                    for (List<String> groupBy : List.of(List.<String>of(), List.of("host"), List.of("service"))) {
                        compare(new Query(metric, f.getValue(), start, end, 60_000, a, groupBy));
                    }
                }
                compare(new Query(metric, f.getValue(), start, end, 0, Aggregation.MAX, List.of("host")));
            }
        }
    }

    @Test
    void rangesCutInsideBucketsAndSeries() {
        for (String metric : List.of("cpu.usage", "net.bytes", "disk.used")) {
            for (long ds : DOWNSAMPLES) {
                compare(new Query(metric, List.of(), start + 12_345, start + HOUR + 999, ds, Aggregation.SUM,
                        List.of("host")));
                compare(new Query(metric, List.of(), end - 5 * 60_000 - 1, end - 1, ds, Aggregation.MIN, List.of()));
            }
        }
        // a range with no data, and one single millisecond
        compare(new Query("cpu.usage", List.of(), start - 2 * HOUR, start - HOUR, 0, Aggregation.SUM, List.of()));
        compare(new Query("mem.used", List.of(), start + 10_000, start + 10_000, 0, Aggregation.SUM, List.of()));
    }

    @Test
    void listings() {
        assertThat(remote.metrics("", 100)).isEqualTo(embedded.metrics("", 100)).hasSize(Fleet.METRICS);
        assertThat(remote.metrics("", 2)).isEqualTo(embedded.metrics("", 2));
        assertThat(remote.metrics("cpu", 100)).isEqualTo(embedded.metrics("cpu", 100)).isNotEmpty();
        assertThat(remote.metrics("zzz", 100)).isEqualTo(embedded.metrics("zzz", 100)).isEmpty();
        for (String metric : embedded.metrics("", 100)) {
            assertThat(remote.tagKeys(metric)).as(metric).isEqualTo(embedded.tagKeys(metric));
            for (String key : embedded.tagKeys(metric)) {
                assertThat(remote.tagValues(metric, key, List.of(), "", 1000)).as(metric + " " + key)
                        .isEqualTo(embedded.tagValues(metric, key, List.of(), "", 1000));
                assertThat(remote.tagValues(metric, key, List.of(), "", 3)).as(metric + " " + key)
                        .isEqualTo(embedded.tagValues(metric, key, List.of(), "", 3));
            }
            assertThat(remote.series(metric, List.of(), 10_000)).as(metric)
                    .isEqualTo(embedded.series(metric, List.of(), 10_000));
            assertThat(remote.series(metric, List.of(), 5)).as(metric).isEqualTo(embedded.series(metric, List.of(), 5));
        }
        List<TagFilter> east = List.of(TagFilter.parse("region", "east"));
        assertThat(remote.tagValues("cpu.usage", "host", east, "h0", 1000))
                .isEqualTo(embedded.tagValues("cpu.usage", "host", east, "h0", 1000)).isNotEmpty();
        List<TagFilter> notApi = List.of(TagFilter.notEqual("service", List.of("api.v1")));
        assertThat(remote.series("app.latency", notApi, 1000))
                .isEqualTo(embedded.series("app.latency", notApi, 1000)).isNotEmpty();
        List<TagFilter> anyService = List.of(TagFilter.parse("service", "*"), TagFilter.parse("host", "~h1.*"));
        assertThat(remote.series("app.latency", anyService, 1000))
                .isEqualTo(embedded.series("app.latency", anyService, 1000)).isNotEmpty();
        assertThat(remote.tagKeys("no.such.metric")).isEqualTo(embedded.tagKeys("no.such.metric")).isEmpty();
    }

    /** Asserts both stores answer {@code q} alike; returns 1 when the answer had points. */
    private static int compare(Query q) {
        List<SeriesResult> expected = embedded.query(q);
        List<SeriesResult> actual = remote.query(q);
        assertThat(actual).as(q.toString()).isEqualTo(expected);
        return expected.stream().anyMatch(r -> !r.points().isEmpty()) ? 1 : 0;
    }

    /**
     * An agent-like fleet: hosts in regions with per-core CPU, memory, disks, interfaces and an application metric
     * (some hosts without its {@code service} tag), a point every 10 s with millisecond jitter on CPU.
     */
    record Fleet(Random random) {
        static final int METRICS = 5;
        static final int HOSTS = 12;

        List<Point> points(long from, long to) {
            List<Point> out = new ArrayList<>();
            String[] regions = {"east", "west", "north"};
            String[] services = {"api.v1", "web(x)", "a+b"};
            double[] counters = new double[HOSTS * 2];
            for (long t = from; t <= to; t += 10_000) {
                for (int h = 0; h < HOSTS; h++) {
                    String host = String.format("h%02d", h);
                    String region = regions[h % regions.length];
                    for (int core = 0; core < 4; core++) {
                        long jitter = random.nextInt(1000);
                        out.add(Point.of("cpu.usage", Map.of("host", host, "region", region, "core",
                                String.valueOf(core)), t + jitter, decimals(random.nextDouble() * 100, 2)));
                    }
                    out.add(Point.of("mem.used", Map.of("host", host, "region", region), t,
                            (double) (8_000_000_000L + random.nextInt(1 << 30))));
                    for (String mount : List.of("/", "/data")) {
                        out.add(Point.of("disk.used", Map.of("host", host, "region", region, "mount", mount), t,
                                decimals(40 + random.nextDouble() * 20, 1)));
                    }
                    for (int i = 0; i < 2; i++) {
                        counters[h * 2 + i] += random.nextInt(100_000);
                        out.add(Point.of("net.bytes", Map.of("host", host, "region", region, "iface", "eth" + i), t,
                                counters[h * 2 + i]));
                    }
                    if (h % 4 == 3) {
                        out.add(Point.of("app.latency", Map.of("host", host, "region", region), t,
                                decimals(random.nextDouble() * 500, 3)));
                    } else {
                        for (String service : services) {
                            out.add(Point.of("app.latency", Map.of("host", host, "region", region, "service", service),
                                    t, decimals(random.nextDouble() * 500, 3)));
                        }
                    }
                }
            }
            return out;
        }

        private static double decimals(double v, int digits) {
            double scale = Math.pow(10, digits);
            return Math.round(v * scale) / scale;
        }
    }
}
