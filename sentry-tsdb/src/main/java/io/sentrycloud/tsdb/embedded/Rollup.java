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
        // sums of short decimals are kept as exact scaled integers: a double sum of 2-decimal values is not a
        // 2-decimal value any more and would cost the XOR encoding's bytes instead of the decimal one's
        ExactSum exact = new ExactSum();
        for (Chunk c : chunks) {
            ChunkIterator it = c.iterator();
            while (it.next()) {
                long b = BucketAggregates.bucketOf(it.timestamp(), level.millis);
                double v = it.value();
                if (n < 0 || bucket[n] != b) {
                    if (n >= 0) {
                        sum[n] = exact.valueOr(sum[n]);
                    }
                    exact.reset();
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
                exact.add(v);
            }
        }
        if (n >= 0) {
            sum[n] = exact.valueOr(sum[n]);
        }
        n++;
        return new Rollup(Chunk.encode(bucket, sum, 0, n), Chunk.encode(bucket, count, 0, n),
                Chunk.encode(bucket, min, 0, n), Chunk.encode(bucket, max, 0, n));
    }

    /** A sum of short decimals kept as an exact integer times {@code 10^-exponent}, while it can be. */
    private static final class ExactSum {
        private long scaled;
        private int exponent;

        void reset() {
            scaled = 0;
            exponent = 0;
        }

        void add(double v) {
            if (exponent < 0) {
                return;
            }
            int k = Chunk.decimalExponent(v);
            if (k < 0) {
                exponent = -1;
                return;
            }
            int target = Math.max(k, exponent);
            try {
                long rescaled = Math.multiplyExact(scaled, (long) Chunk.powerOfTen(target - exponent));
                long sum = Math.addExact(rescaled, Math.round(v * Chunk.powerOfTen(target)));
                if (Math.abs(sum) >= (1L << 53)) {
                    exponent = -1;
                    return;
                }
                scaled = sum;
                exponent = target;
            } catch (ArithmeticException overflow) {
                exponent = -1;
            }
        }

        /** The exact sum as the nearest double, or {@code fallback} (the plain double sum) when it was lost. */
        double valueOr(double fallback) {
            return exponent < 0 ? fallback : scaled / Chunk.powerOfTen(exponent);
        }
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
