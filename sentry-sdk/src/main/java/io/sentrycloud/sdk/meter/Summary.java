package io.sentrycloud.sdk.meter;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The distribution of recorded values within a step: each step the registry sends {@code <name>_count},
 * {@code _sum}, {@code _min}, {@code _max}, {@code _mean} (exact) and {@code _p50}, {@code _p90}, {@code _p99}
 * (computed in the client from up to {@link #RESERVOIR} values kept by uniform sampling, so memory stays bounded
 * however many values a step records). A step without values sends nothing. Thread-safe.
 */
public class Summary {

    /** Values kept per step for the percentiles. */
    public static final int RESERVOIR = 2048;

    private double[] reservoir = new double[RESERVOIR];
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    Summary() {
    }

    /** Records a value. Non-finite values are ignored. */
    public synchronized void record(double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (count <= RESERVOIR) {
            reservoir[(int) count - 1] = value;
        } else {
            long slot = ThreadLocalRandom.current().nextLong(count);
            if (slot < RESERVOIR) {
                reservoir[(int) slot] = value;
            }
        }
    }

    /** Values recorded in the current step so far. */
    public synchronized long stepCount() {
        return count;
    }

    /** The step's statistics (null when nothing was recorded), and a fresh step. */
    synchronized Snapshot drain() {
        if (count == 0) {
            return null;
        }
        double[] kept = Arrays.copyOf(reservoir, (int) Math.min(count, RESERVOIR));
        Arrays.sort(kept);
        Snapshot s = new Snapshot(count, sum, min, max, percentile(kept, 50), percentile(kept, 90),
                percentile(kept, 99));
        count = 0;
        sum = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        return s;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** One step's statistics. */
    static final class Snapshot {
        final long count;
        final double sum;
        final double min;
        final double max;
        final double p50;
        final double p90;
        final double p99;

        Snapshot(long count, double sum, double min, double max, double p50, double p90, double p99) {
            this.count = count;
            this.sum = sum;
            this.min = min;
            this.max = max;
            this.p50 = p50;
            this.p90 = p90;
            this.p99 = p99;
        }
    }
}
