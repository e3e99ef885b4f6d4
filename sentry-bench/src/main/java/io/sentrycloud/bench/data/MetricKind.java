package io.sentrycloud.bench.data;

import java.util.SplittableRandom;

/**
 * The shapes of real host metrics, each with the next-value rule that makes its noise look real: agents round
 * percentages to two decimals, count bytes in integers and report some values that hardly ever change.
 */
enum MetricKind {

    /** cpu/mem/disk usage: a bounded random walk in [0, 100], two decimals. */
    PERCENT {
        @Override
        double first(SplittableRandom r) {
            return round2(5 + r.nextDouble() * 60);
        }

        @Override
        double next(double v, SplittableRandom r) {
            double n = v + r.nextGaussian() * 1.5;
            return round2(Math.max(0, Math.min(100, n)));
        }
    },

    /** load average, latency: a positive float walk, two decimals. */
    FLOAT_GAUGE {
        @Override
        double first(SplittableRandom r) {
            return round2(r.nextDouble() * 4);
        }

        @Override
        double next(double v, SplittableRandom r) {
            return round2(Math.max(0, v + r.nextGaussian() * 0.1));
        }
    },

    /** process count, tcp connections, memory bytes: integers that drift a little. */
    INTEGER_GAUGE {
        @Override
        double first(SplittableRandom r) {
            return 100 + r.nextInt(900);
        }

        @Override
        double next(double v, SplittableRandom r) {
            return Math.max(0, v + Math.round(r.nextGaussian() * 3));
        }
    },

    /** bytes/packets sent: a monotonic counter with a noisy rate. */
    COUNTER {
        @Override
        double first(SplittableRandom r) {
            return r.nextInt(1_000_000);
        }

        @Override
        double next(double v, SplittableRandom r) {
            return v + Math.max(0, Math.round(5_000 + r.nextGaussian() * 1_500));
        }
    },

    /** total memory, disk size: set once, rarely changes. */
    CONSTANT {
        @Override
        double first(SplittableRandom r) {
            return (1L << 30) * (4 + r.nextInt(60));
        }

        @Override
        double next(double v, SplittableRandom r) {
            return v;
        }
    };

    abstract double first(SplittableRandom r);

    abstract double next(double previous, SplittableRandom r);

    /** The mix of one agent's 50 metrics: mostly gauges, a third counters, a few constants. */
    static MetricKind forIndex(int metricIndex) {
        int slot = metricIndex % 10;
        if (slot < 3) {
            return PERCENT;
        }
        if (slot < 4) {
            return FLOAT_GAUGE;
        }
        if (slot < 6) {
            return INTEGER_GAUGE;
        }
        if (slot < 9) {
            return COUNTER;
        }
        return CONSTANT;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
