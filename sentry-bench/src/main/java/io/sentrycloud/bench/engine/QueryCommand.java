package io.sentrycloud.bench.engine;

import io.sentrycloud.bench.data.AgentFleet;
import io.sentrycloud.tsdb.Aggregation;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.SeriesResult;
import io.sentrycloud.tsdb.TagFilter;
import io.sentrycloud.tsdb.embedded.EmbeddedOptions;
import io.sentrycloud.tsdb.embedded.EmbeddedStore;
import io.sentrycloud.tsdb.embedded.FsyncPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The dashboard's typical heavy query: one metric over {@code --series} hosts for {@code --hours}, downsampled to
 * one minute, averaged, grouped by host. Reports p50/p99 over warm repetitions.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Latency of 'N series x H hours, downsample 1m, avg, group by host'.")
public final class QueryCommand implements Callable<Integer> {

    @Option(names = "--series", defaultValue = "1000", description = "series (hosts) queried (default ${DEFAULT-VALUE})")
    int series;

    @Option(names = "--hours", defaultValue = "24", description = "hours of 10 s data (default ${DEFAULT-VALUE})")
    int hours;

    @Option(names = "--repeat", defaultValue = "50", description = "measured repetitions (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--warmup", defaultValue = "10", description = "unmeasured repetitions first")
    int warmup;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Override
    public Integer call() throws Exception {
        int rounds = hours * 360;
        long start = FleetOptions.startFor(rounds);
        AgentFleet fleet = new AgentFleet(new AgentFleet.Spec(series, 1, 10_000, start, seed));
        System.out.printf("query: %d series x %d h (%,d points), downsample 1m, avg, group by host%n",
                series, hours, (long) rounds * series);
        try (BenchDirectory dir = new FleetOptions().directory();
             EmbeddedStore store = EmbeddedStore.open(
                     EmbeddedOptions.defaults(dir.path()).withFsync(FsyncPolicy.everyMillis(1000)))) {
            List<Point> buffer = new ArrayList<>(50_000);
            for (int r = 0; r < rounds; r++) {
                buffer.addAll(fleet.nextRound());
                if (buffer.size() >= 50_000 || r == rounds - 1) {
                    store.write(buffer);
                    buffer.clear();
                }
            }
            String metric = fleet.series().get(0).metric();
            Query query = new Query(metric, List.of(TagFilter.parse("host", "*")), start,
                    start + rounds * 10_000L, 60_000, Aggregation.AVG, List.of("host"));

            long[] nanos = new long[repeat];
            for (int i = -warmup; i < repeat; i++) {
                long t0 = System.nanoTime();
                List<SeriesResult> result = store.query(query);
                long took = System.nanoTime() - t0;
                if (result.size() != series) {
                    throw new IllegalStateException("expected " + series + " lines, got " + result.size());
                }
                if (i >= 0) {
                    nanos[i] = took;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("  p50 %.1f ms   p99 %.1f ms   (%d repetitions)%n",
                    nanos[repeat / 2] / 1e6, nanos[Math.min(repeat - 1, (int) Math.ceil(repeat * 0.99) - 1)] / 1e6,
                    repeat);
        }
        return 0;
    }
}
