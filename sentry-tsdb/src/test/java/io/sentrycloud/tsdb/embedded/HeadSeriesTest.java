package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.chunk.Chunk;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class HeadSeriesTest {

    static TreeMap<Long, Double> read(HeadSeries s, long start, long end) {
        PointBuffer b = new PointBuffer();
        List<Chunk> chunks = s.chunks(start, end);
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).minTime()).as("chunks sorted, not overlapping")
                    .isGreaterThan(chunks.get(i - 1).maxTime());
        }
        chunks.forEach(c -> b.addChunk(c, start, end));
        TreeMap<Long, Double> out = new TreeMap<>();
        for (int i = 0; i < b.size; i++) {
            assertThat(out.put(b.timestamps[i], b.values[i])).isNull();
        }
        return out;
    }

    /** Mostly in-order scrapes with out-of-order, duplicate and far-back points mixed in: the head is a map. */
    @Property(tries = 200)
    void headKeepsTheLastWriteOfEveryTimestamp(@ForAll @IntRange(min = 1, max = 2000) int n,
                                               @ForAll @IntRange(min = 0, max = 100) int disorderPercent,
                                               @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        HeadSeries s = new HeadSeries(0, SeriesKey.of("m", Map.of()));
        TreeMap<Long, Double> expected = new TreeMap<>();
        long t = 1_700_000_000_000L;
        for (int i = 0; i < n; i++) {
            long ts;
            if (r.nextInt(100) < disorderPercent && !expected.isEmpty()) {
                ts = expected.lastKey() - r.nextLong(4 * HeadSeries.PARTITION_MILLIS);
            } else {
                t += 1 + r.nextInt(20_000);
                ts = t;
            }
            double v = r.nextInt(4) == 0 ? r.nextDouble() : r.nextInt(1000) / 100.0;
            boolean fresh = !expected.containsKey(ts);
            expected.put(ts, v);
            assertThat(s.add(ts, v)).isEqualTo(fresh);
        }
        assertThat(s.size()).isEqualTo(expected.size());
        assertThat(read(s, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(expected);
        long mid = expected.firstKey() + (expected.lastKey() - expected.firstKey()) / 2;
        assertThat(read(s, mid, Long.MAX_VALUE)).isEqualTo(expected.tailMap(mid, true));

        // cut everything before a partition boundary, as a block would, then retention
        long boundary = HeadSeries.partitionOf(mid);
        List<Chunk> cut = s.chunksBefore(boundary);
        cut.forEach(c -> assertThat(c.maxTime()).isLessThan(boundary));
        s.release(cut);
        assertThat(read(s, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(expected.tailMap(boundary, true));
        int dropped = s.dropBefore(mid);
        assertThat(dropped).isEqualTo(expected.subMap(boundary, true, mid, false).size());
        assertThat(read(s, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(expected.tailMap(mid, true));
        assertThat(s.size()).isEqualTo(expected.tailMap(mid, true).size());
    }

    @Property(tries = 50)
    void inOrderScrapesUseFullChunksWithinPartitions(@ForAll @IntRange(min = 1, max = 3000) int n) {
        HeadSeries s = new HeadSeries(0, SeriesKey.of("m", Map.of()));
        for (int i = 0; i < n; i++) {
            s.add(1_700_000_000_000L + i * 10_000L, i % 7);
        }
        List<Chunk> chunks = s.chunks(Long.MIN_VALUE, Long.MAX_VALUE);
        for (Chunk c : chunks) {
            assertThat(c.count()).isLessThanOrEqualTo(HeadSeries.CHUNK_POINTS);
            assertThat(HeadSeries.partitionOf(c.minTime())).isEqualTo(HeadSeries.partitionOf(c.maxTime()));
        }
        assertThat(s.memoryBytes()).isLessThan(HeadSeries.OVERHEAD_BYTES + 200L + 80L * chunks.size() + 2L * n);
    }
}
