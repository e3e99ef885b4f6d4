package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.Aggregation;
import io.sentrycloud.tsdb.DataPoint;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.SeriesResult;
import io.sentrycloud.tsdb.TagFilter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Random series, points and queries (seeded, so a failure replays) answered by the engine and by
 * {@link NaiveStore}; the answers must agree, also after restarts in between.
 */
class EmbeddedStoreReferenceTest {

    static final long NOW = EmbeddedStoreTest.NOW;
    static final long T0 = EmbeddedStoreTest.T0;
    static final String[] METRICS = {"cpu", "cpu_user", "mem"};
    static final String[] HOSTS = {"h0", "h1", "h2", "h3", "h4", "h5", "web-1", "web-2"};
    static final String[] DCS = {"x", "y", "z"};
    static final long[] DOWNSAMPLES = {0, 1_000, 7_000, 10_000, 60_000, 3_600_000};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void engineAgreesWithTheNaiveReference(long seed) throws Exception {
        Random rnd = new Random(seed);
        Path dir = Files.createTempDirectory("tsdb-ref");
        EmbeddedOptions options = EmbeddedOptions.defaults(dir)
                .withClock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC))
                .withWalSegmentBytes(8192);
        NaiveStore naive = new NaiveStore();
        EmbeddedStore store = EmbeddedStore.open(options);
        try {
            for (int round = 0; round < 4; round++) {
                for (int b = 0; b < 10; b++) {
                    List<Point> batch = randomBatch(rnd);
                    store.write(batch);
                    naive.write(batch);
                }
                for (int i = 0; i < 40; i++) {
                    Query q = randomQuery(rnd);
                    assertSame(store.query(q), naive.query(q), q, seed);
                }
                compareListings(store, naive, rnd);
                store.close();
                store = EmbeddedStore.open(options);
            }
            assertThat(store.stats().pointCount())
                    .isEqualTo(naive.data().values().stream().mapToLong(Map::size).sum());
            assertThat(store.stats().seriesCount()).isEqualTo(naive.data().size());
        } finally {
            store.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static List<Point> randomBatch(Random rnd) {
        int n = 1 + rnd.nextInt(60);
        List<Point> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, String> tags = new HashMap<>();
            tags.put("host", HOSTS[rnd.nextInt(HOSTS.length)]);
            if (rnd.nextInt(4) > 0) {
                tags.put("dc", DCS[rnd.nextInt(DCS.length)]);
            }
            if (rnd.nextInt(5) == 0) {
                tags.put("role", rnd.nextBoolean() ? "web" : "db");
            }
            // a coarse time grid makes duplicates and out-of-order points common
            long ts = T0 + rnd.nextInt(400) * 500L - 10_000;
            double value = rnd.nextInt(3) == 0 ? rnd.nextInt(100) : rnd.nextGaussian() * 1e3;
            batch.add(Point.of(METRICS[rnd.nextInt(METRICS.length)], tags, ts, value));
        }
        return batch;
    }

    static Query randomQuery(Random rnd) {
        List<TagFilter> filters = new ArrayList<>();
        switch (rnd.nextInt(6)) {
            case 0 -> filters.add(TagFilter.parse("host", HOSTS[rnd.nextInt(HOSTS.length)]));
            case 1 -> filters.add(TagFilter.parse("host", HOSTS[rnd.nextInt(HOSTS.length)] + "||"
                    + HOSTS[rnd.nextInt(HOSTS.length)]));
            case 2 -> filters.add(TagFilter.parse("dc", "*"));
            case 3 -> filters.add(TagFilter.parse("host", "~web-\\d"));
            case 4 -> {
                filters.add(TagFilter.parse("role", "*"));
                filters.add(TagFilter.parse("dc", "x||y"));
            }
            default -> { }
        }
        List<String> groupBy = switch (rnd.nextInt(4)) {
            case 0 -> List.of("host");
            case 1 -> List.of("dc");
            case 2 -> List.of("dc", "role");
            default -> List.of();
        };
        long start = T0 - 20_000 + rnd.nextInt(150) * 1_000L;
        long end = start + rnd.nextInt(250) * 1_000L;
        Query q = new Query(METRICS[rnd.nextInt(METRICS.length)], filters, start, end,
                DOWNSAMPLES[rnd.nextInt(DOWNSAMPLES.length)],
                Aggregation.values()[rnd.nextInt(Aggregation.values().length)], groupBy);
        return rnd.nextInt(5) == 0 ? q.withRate() : q;
    }

    static void assertSame(List<SeriesResult> actual, List<SeriesResult> expected, Query q, long seed) {
        String context = "seed " + seed + ", " + q;
        assertThat(actual).as(context).extracting(SeriesResult::tags)
                .containsExactlyElementsOf(expected.stream().map(SeriesResult::tags).toList());
        for (int i = 0; i < actual.size(); i++) {
            List<DataPoint> a = actual.get(i).points();
            List<DataPoint> e = expected.get(i).points();
            assertThat(a).as(context).extracting(DataPoint::timestamp)
                    .containsExactlyElementsOf(e.stream().map(DataPoint::timestamp).toList());
            for (int k = 0; k < a.size(); k++) {
                // sums may be added in another order: allow rounding, nothing more
                double tolerance = 1e-9 * Math.max(1, Math.abs(e.get(k).value()) * 1e3);
                assertThat(a.get(k).value()).as(context + " at " + e.get(k).timestamp())
                        .isCloseTo(e.get(k).value(), within(tolerance));
            }
        }
    }

    static void compareListings(EmbeddedStore store, NaiveStore naive, Random rnd) {
        for (String prefix : List.of("", "c", "cpu", "cpu_", "m", "x")) {
            int limit = 1 + rnd.nextInt(3);
            assertThat(store.metrics(prefix, limit)).isEqualTo(naive.metrics(prefix, limit));
        }
        for (String metric : METRICS) {
            assertThat(store.tagKeys(metric)).isEqualTo(naive.tagKeys(metric));
            Query q = randomQuery(rnd);
            for (String prefix : List.of("", "h", "web", "x")) {
                assertThat(store.tagValues(metric, "host", q.filters(), prefix, 5))
                        .isEqualTo(naive.tagValues(metric, "host", q.filters(), prefix, 5));
            }
            assertThat(store.series(metric, q.filters(), 7)).isEqualTo(naive.series(metric, q.filters(), 7));
        }
    }
}
