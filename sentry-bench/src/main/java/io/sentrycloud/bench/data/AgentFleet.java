package io.sentrycloud.bench.data;

import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.SeriesKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fleet of simulated agents: {@code hosts × metricsPerHost} series, each reporting one point per round.
 * The same spec and seed always produce the same points, so two systems (or two runs) see identical data.
 */
public final class AgentFleet {

    /**
     * @param hosts          simulated machines (tag {@code host=host-0001}, plus {@code dc} and {@code role})
     * @param metricsPerHost metrics per machine (named {@code sentry_bench_<kind>_<n>})
     * @param intervalMillis time between rounds (agents report every 10 s)
     * @param startMillis    timestamp of the first round
     * @param seed           random seed
     */
    public record Spec(int hosts, int metricsPerHost, long intervalMillis, long startMillis, long seed) {

        public Spec {
            if (hosts <= 0 || metricsPerHost <= 0 || intervalMillis <= 0) {
                throw new IllegalArgumentException("hosts, metricsPerHost and intervalMillis must be positive");
            }
        }

        /** The reference workload: 1,000 hosts × 50 metrics at 10 s. */
        public static Spec reference(long startMillis, long seed) {
            return new Spec(1_000, 50, 10_000, startMillis, seed);
        }

        public int seriesCount() {
            return hosts * metricsPerHost;
        }
    }

    private final Spec spec;
    private final SeriesKey[] keys;
    private final MetricKind[] kinds;
    private final double[] values;
    private final SplittableRandom random;
    private long round;

    public AgentFleet(Spec spec) {
        this.spec = spec;
        this.random = new SplittableRandom(spec.seed());
        int n = spec.seriesCount();
        this.keys = new SeriesKey[n];
        this.kinds = new MetricKind[n];
        this.values = new double[n];
        for (int h = 0; h < spec.hosts(); h++) {
            String host = String.format("host-%04d", h);
            Map<String, String> tags = Map.of("host", host, "dc", "dc" + (h % 4), "role", ROLES[h % ROLES.length]);
            for (int m = 0; m < spec.metricsPerHost(); m++) {
                int i = h * spec.metricsPerHost() + m;
                kinds[i] = MetricKind.forIndex(m);
                keys[i] = SeriesKey.of("sentry_bench_" + kinds[i].name().toLowerCase() + "_" + m, tags);
                values[i] = kinds[i].first(random);
            }
        }
    }

    private static final String[] ROLES = {"web", "db", "cache", "queue", "batch"};

    public Spec spec() {
        return spec;
    }

    /** Every series of the fleet, in a stable order. */
    public List<SeriesKey> series() {
        return List.of(keys);
    }

    /** The next round: one point per series, all with the round's timestamp plus a little per-host jitter. */
    public List<Point> nextRound() {
        long base = spec.startMillis() + round * spec.intervalMillis();
        List<Point> points = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            if (round > 0) {
                values[i] = kinds[i].next(values[i], random);
            }
            // agents of one host share a timestamp; real agents fire a few ms apart from round to round
            long jitter = (i / spec.metricsPerHost()) % 7;
            points.add(new Point(keys[i], base + jitter, values[i]));
        }
        round++;
        return points;
    }

    /** How many rounds {@link #nextRound()} has produced. */
    public long rounds() {
        return round;
    }
}
