package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.BucketAggregates;
import io.sentrycloud.tsdb.chunk.Chunk;
import io.sentrycloud.tsdb.chunk.ChunkIterator;

import java.util.List;

/**
 * Downsampled partials of one series in one block at one {@link Level}: per bucket the sum, count, min and max of
 * the raw points, kept as four compressed chunks keyed by bucket start. A long-range query whose downsample is a
 * multiple of a level's width reads these instead of the raw chunks.
 *
 * @param sums   bucket start → sum
 * @param counts bucket start → count
 * @param mins   bucket start → min
 * @param maxes  bucket start → max
 */
record Rollup(Chunk sums, Chunk counts, Chunk mins, Chunk maxes) {

    /** The rollup widths written with every block, finest first. */
    enum Level {
        FIVE_MINUTES(300_000L), ONE_HOUR(3_600_000L);

        final long millis;

        Level(long millis) {
            this.millis = millis;
        }

        /** The coarsest level whose buckets nest in {@code downsample}-wide buckets, or {@code null}. */
        static Level servingDownsample(long downsample) {
            if (downsample <= 0) {
                return null;
            }
            Level best = null;
            for (Level l : values()) {
                if (downsample % l.millis == 0) {
                    best = l;
                }
            }
            return best;
        }
    }

    List<Chunk> chunks() {
        return List.of(sums, counts, mins, maxes);
    }

    /** The partials of a series' sorted points (its block chunks in time order) at {@code level}. */
    static Rollup of(List<Chunk> chunks, Level level) {
        int capacity = 16;
        long[] bucket = new long[capacity];
        double[] sum = new double[capacity];
        double[] count = new double[capacity];
        double[] min = new double[capacity];
        double[] max = new double[capacity];
        int n = -1;
        for (Chunk c : chunks) {
            ChunkIterator it = c.iterator();
            while (it.next()) {
                long b = BucketAggregates.bucketOf(it.timestamp(), level.millis);
                double v = it.value();
                if (n < 0 || bucket[n] != b) {
                    n++;
                    if (n == bucket.length) {
                        capacity *= 2;
                        bucket = java.util.Arrays.copyOf(bucket, capacity);
                        sum = java.util.Arrays.copyOf(sum, capacity);
                        count = java.util.Arrays.copyOf(count, capacity);
                        min = java.util.Arrays.copyOf(min, capacity);
                        max = java.util.Arrays.copyOf(max, capacity);
                    }
                    bucket[n] = b;
                    sum[n] = v;
                    count[n] = 1;
                    min[n] = v;
                    max[n] = v;
                } else {
                    sum[n] += v;
                    count[n]++;
                    min[n] = Math.min(min[n], v);
                    max[n] = Math.max(max[n], v);
                }
            }
        }
        n++;
        return new Rollup(Chunk.encode(bucket, sum, 0, n), Chunk.encode(bucket, count, 0, n),
                Chunk.encode(bucket, min, 0, n), Chunk.encode(bucket, max, 0, n));
    }

    /**
     * This rollup's buckets as query partials. Only a block lying wholly inside the query range is read through
     * its rollup, so every bucket counts — including the first, whose aligned start may precede the range start.
     */
    BucketAggregates buckets(long downsample) {
        int n = sums.count();
        long[] ts = new long[n];
        double[] s = new double[n];
        long[] c = new long[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        ChunkIterator is = sums.iterator();
        ChunkIterator ic = counts.iterator();
        ChunkIterator il = mins.iterator();
        ChunkIterator ih = maxes.iterator();
        int k = 0;
        while (is.next() && ic.next() && il.next() && ih.next()) {
            ts[k] = is.timestamp();
            s[k] = is.value();
            c[k] = (long) ic.value();
            lo[k] = il.value();
            hi[k] = ih.value();
            k++;
        }
        return BucketAggregates.ofPartials(ts, s, c, lo, hi, k, downsample);
    }
}
