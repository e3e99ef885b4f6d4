package io.sentrycloud.tsdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-bucket partial aggregates (sum, count, min, max, last) of one series or of a merged group, sorted by
 * bucket. Partials merge associatively, so a group is reduced by merging its series' partials pairwise.
 *
 * <p>{@code LAST} takes the value with the greatest timestamp; when two series of a group have a point at that
 * same timestamp, the series that comes later in key order wins (merges keep series order: left before right).
 *
 * <p>This is the one implementation of {@link Query}'s bucket semantics: every store (embedded, or one that reads
 * raw points from a remote database) reduces through it, so they give the same answers to the last bit.
 */
public final class BucketAggregates {

    public static final BucketAggregates EMPTY = new BucketAggregates(0);

    final long[] bucket;
    final double[] sum;
    final long[] count;
    final double[] min;
    final double[] max;
    final long[] lastTs;
    final double[] last;
    int size;

    private BucketAggregates(int capacity) {
        bucket = new long[capacity];
        sum = new double[capacity];
        count = new long[capacity];
        min = new double[capacity];
        max = new double[capacity];
        lastTs = new long[capacity];
        last = new double[capacity];
    }

    /** Partials of sorted points {@code [from, to)}; {@code downsample} 0 keeps every timestamp its own bucket. */
    public static BucketAggregates of(long[] timestamps, double[] values, int from, int to, long downsample) {
        if (from >= to) {
            return EMPTY;
        }
        int capacity = to - from;
        if (downsample > 0) {
            // size for the buckets the range spans, not for every point (a negative span is an overflow)
            long span = bucketOf(timestamps[to - 1], downsample) - bucketOf(timestamps[from], downsample);
            if (span >= 0) {
                capacity = (int) Math.min(capacity, span / downsample + 1);
            }
        }
        BucketAggregates b = new BucketAggregates(capacity);
        int k = -1;
        long current = 0;
        for (int i = from; i < to; i++) {
            long t = timestamps[i];
            double v = values[i];
            long bk = bucketOf(t, downsample);
            if (k < 0 || bk != current) {
                k++;
                current = bk;
                b.bucket[k] = bk;
                b.sum[k] = v;
                b.count[k] = 1;
                b.min[k] = v;
                b.max[k] = v;
            } else {
                b.sum[k] += v;
                b.count[k]++;
                b.min[k] = Math.min(b.min[k], v);
                b.max[k] = Math.max(b.max[k], v);
            }
            // points are sorted, so the latest point of a bucket is the last one seen
            b.lastTs[k] = t;
            b.last[k] = v;
        }
        b.size = k + 1;
        return b;
    }

    /**
     * Partials from precomputed sum/count/min/max (rollups), sorted by time, folded into {@code downsample}-wide
     * buckets. They carry no last value, so they never serve {@code LAST}.
     */
    public static BucketAggregates ofPartials(long[] ts, double[] sum, long[] count, double[] min, double[] max,
                                              int n, long downsample) {
        if (n == 0) {
            return EMPTY;
        }
        BucketAggregates b = new BucketAggregates(n);
        int k = -1;
        for (int i = 0; i < n; i++) {
            long bk = bucketOf(ts[i], downsample);
            if (k < 0 || b.bucket[k] != bk) {
                k++;
                b.bucket[k] = bk;
                b.sum[k] = sum[i];
                b.count[k] = count[i];
                b.min[k] = min[i];
                b.max[k] = max[i];
                b.lastTs[k] = Long.MIN_VALUE;
                b.last[k] = Double.NaN;
            } else {
                b.sum[k] += sum[i];
                b.count[k] += count[i];
                b.min[k] = Math.min(b.min[k], min[i]);
                b.max[k] = Math.max(b.max[k], max[i]);
            }
        }
        b.size = k + 1;
        return b;
    }

    public static long bucketOf(long timestamp, long downsample) {
        return downsample == 0 ? timestamp : timestamp - Math.floorMod(timestamp, downsample);
    }

    /** Merges two partial lists; {@code right} belongs to the later series and wins ties of {@code LAST}. */
    public static BucketAggregates merge(BucketAggregates left, BucketAggregates right) {
        if (left.size == 0) {
            return right;
        }
        if (right.size == 0) {
            return left;
        }
        BucketAggregates out = new BucketAggregates(left.size + right.size);
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < left.size || j < right.size) {
            if (j >= right.size || (i < left.size && left.bucket[i] < right.bucket[j])) {
                out.copyFrom(k++, left, i++);
            } else if (i >= left.size || right.bucket[j] < left.bucket[i]) {
                out.copyFrom(k++, right, j++);
            } else {
                out.copyFrom(k, left, i);
                out.sum[k] += right.sum[j];
                out.count[k] += right.count[j];
                out.min[k] = Math.min(out.min[k], right.min[j]);
                out.max[k] = Math.max(out.max[k], right.max[j]);
                if (right.lastTs[j] >= out.lastTs[k]) {
                    out.lastTs[k] = right.lastTs[j];
                    out.last[k] = right.last[j];
                }
                k++;
                i++;
                j++;
            }
        }
        out.size = k;
        return out;
    }

    /** Merges partials of series given in key order, pairwise so the work is n log n in the series count. */
    public static BucketAggregates mergeAll(List<BucketAggregates> inOrder) {
        if (inOrder.isEmpty()) {
            return EMPTY;
        }
        List<BucketAggregates> level = new ArrayList<>(inOrder);
        while (level.size() > 1) {
            List<BucketAggregates> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? merge(level.get(i), level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        return level.get(0);
    }

    /** One data point per bucket, reduced with {@code aggregation}. */
    public List<DataPoint> reduce(Aggregation aggregation) {
        List<DataPoint> points = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            double v = switch (aggregation) {
                case SUM -> sum[k];
                case AVG -> sum[k] / count[k];
                case MAX -> max[k];
                case MIN -> min[k];
                case COUNT -> count[k];
                case LAST -> last[k];
            };
            points.add(new DataPoint(bucket[k], v));
        }
        return points;
    }

    /** The number of non-empty buckets. */
    public int size() {
        return size;
    }

    private void copyFrom(int k, BucketAggregates src, int i) {
        bucket[k] = src.bucket[i];
        sum[k] = src.sum[i];
        count[k] = src.count[i];
        min[k] = src.min[i];
        max[k] = src.max[i];
        lastTs[k] = src.lastTs[i];
        last[k] = src.last[i];
    }
}
