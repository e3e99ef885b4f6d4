package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.Aggregation;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.TagFilter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three days of scrape-like data with late, duplicate and far-back points, cut into blocks, compacted, restarted
 * and queried with raw and rollup-sized downsamples: every answer must equal {@link NaiveStore}'s.
 */
class BlockReferenceTest {

    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    /** Midnight, so the three days are whole compaction windows. */
    static final long START = 1_699_920_000_000L - Math.floorMod(1_699_920_000_000L, DAY);
    static final long NOW = START + 4 * DAY;
    static final String[] HOSTS = {"a", "b", "c", "d"};
    static final long[] DOWNSAMPLES = {0, 60_000, 300_000, 900_000, HOUR, 2 * HOUR, DAY};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void blocksCompactionAndRestartsAgreeWithTheReference(long seed) {
        Random rnd = new Random(seed);
        EmbeddedOptions options = EmbeddedOptions.defaults(dir)
                .withClock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).withWalSegmentBytes(64 * 1024)
                .withFsync(FsyncPolicy.everyMillis(1000));
        NaiveStore naive = new NaiveStore();
        EmbeddedStore store = EmbeddedStore.open(options);
        try {
            long t = START;
            int step = 0;
            while (t < START + 3 * DAY) {
                List<Point> batch = new ArrayList<>();
                for (String host : HOSTS) {
                    for (String metric : List.of("cpu", "net")) {
                        double v = metric.equals("cpu") ? Math.round(rnd.nextDouble() * 10_000) / 100.0
                                : rnd.nextInt(1_000_000);
                        batch.add(Point.of(metric, Map.of("host", host), t + rnd.nextInt(5), v));
                    }
                }
                if (rnd.nextInt(20) == 0) {
                    // a late point, sometimes hours back into an already cut partition, sometimes a duplicate
                    long back = rnd.nextBoolean() ? rnd.nextInt(30) * 60_000L : rnd.nextInt(10) * HOUR;
                    long late = Math.max(START, t - back);
                    batch.add(Point.of("cpu", Map.of("host", HOSTS[rnd.nextInt(HOSTS.length)]),
                            late - Math.floorMod(late, 60_000L), rnd.nextInt(100)));
                }
                store.write(batch);
                naive.write(batch);
                t += 60_000;
                step++;
                if (step % 180 == 0) {
                    store.maintain();
                }
                if (step % 900 == 0) {
                    compare(store, naive, rnd, seed);
                    store.close();
                    store = EmbeddedStore.open(options);
                    compare(store, naive, rnd, seed);
                }
            }
            store.maintain();
            assertThat(store.blocks()).isNotEmpty();
            compare(store, naive, rnd, seed);
            store.flush();
            // whole past days are one block each now
            assertThat(store.blocks()).hasSizeLessThanOrEqualTo(3 + 1);
            compare(store, naive, rnd, seed);
            store.close();
            store = EmbeddedStore.open(options);
            compare(store, naive, rnd, seed);
            assertThat(store.stats().corruptions()).isZero();
        } finally {
            store.close();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11})
    void theLogShrinksOnceItsPointsAreInBlocks(long seed) throws Exception {
        EmbeddedOptions options = EmbeddedOptions.defaults(dir)
                .withClock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).withWalSegmentBytes(16 * 1024)
                .withFsync(FsyncPolicy.everyMillis(1000));
        try (EmbeddedStore store = EmbeddedStore.open(options)) {
            for (long t = START; t < START + 12 * HOUR; t += 10_000) {
                store.write(List.of(Point.of("m", Map.of("h", "x"), t, t % 1000),
                        Point.of("m", Map.of("h", "y"), t, t % 1000)));
            }
            // 12 h of samples fill about 16 segments; after the cut only the last ~2 h of them remain
            store.maintain();
            assertThat(segments()).isLessThanOrEqualTo(5);
            assertThat(store.blocks()).isNotEmpty();
            store.flush();
            assertThat(segments()).isLessThanOrEqualTo(1);
        }
        try (EmbeddedStore store = EmbeddedStore.open(options)) {
            var q = new Query("m", List.of(), START, NOW, 0, Aggregation.COUNT, List.of());
            assertThat(store.query(q).get(0).points()).hasSize((int) (12 * HOUR / 10_000))
                    .allMatch(p -> p.value() == 2);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {300_000, HOUR})
    void aRangeStartingInsideTheFirstRollupBucketOfABlockCountsThatBucket(long downsample) {
        EmbeddedOptions options = EmbeddedOptions.defaults(dir)
                .withClock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        // the first point lies 1.234 s into an hour, and the range starts between the hour and that point:
        // the block lies wholly inside the range, so it is read through rollups whose first bucket starts before it
        long first = START + HOUR + 1_234;
        NaiveStore naive = new NaiveStore();
        try (EmbeddedStore store = EmbeddedStore.open(options)) {
            List<Point> points = new ArrayList<>();
            for (long t = first; t < START + 2 * DAY; t += 10_000) {
                points.add(Point.of("m", Map.of("h", "x"), t, t % 97));
            }
            store.write(points);
            naive.write(points);
            store.maintain();
            assertThat(store.blocks()).isNotEmpty();
            for (Aggregation a : List.of(Aggregation.SUM, Aggregation.COUNT, Aggregation.MIN, Aggregation.MAX)) {
                Query q = new Query("m", List.of(), first - 1, NOW, downsample, a, List.of());
                assertThat(store.query(q)).as(q.toString()).isEqualTo(naive.query(q));
                assertThat(store.query(q).get(0).points().get(0).timestamp()).isEqualTo(START + HOUR);
            }
        }
    }

    private long segments() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("wal"))) {
            return files.filter(p -> p.toString().endsWith(".wal")).count();
        }
    }

    static void compare(EmbeddedStore store, NaiveStore naive, Random rnd, long seed) {
        for (int i = 0; i < 25; i++) {
            long start = START - HOUR + (long) (rnd.nextDouble() * 3.5 * DAY);
            long end = start + (long) (rnd.nextDouble() * (rnd.nextBoolean() ? 3 * DAY : 3 * HOUR));
            if (rnd.nextInt(4) == 0) {
                start = START - Math.floorMod(START, DAY);
                end = START + 4 * DAY;
            }
            List<TagFilter> filters = rnd.nextBoolean() ? List.of() : List.of(TagFilter.parse("host", "a||c"));
            List<String> groupBy = rnd.nextBoolean() ? List.of("host") : List.of();
            Query q = new Query(rnd.nextBoolean() ? "cpu" : "net", filters, start, end,
                    DOWNSAMPLES[rnd.nextInt(DOWNSAMPLES.length)],
                    Aggregation.values()[rnd.nextInt(Aggregation.values().length)], groupBy);
            if (rnd.nextInt(5) == 0) {
                q = q.withRate();
            }
            EmbeddedStoreReferenceTest.assertSame(store.query(q), naive.query(q), q, seed);
        }
    }
}
