package io.sentrycloud.bench.engine;

import io.sentrycloud.bench.data.AgentFleet;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.embedded.EmbeddedOptions;
import io.sentrycloud.tsdb.embedded.EmbeddedStore;
import io.sentrycloud.tsdb.embedded.FsyncPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** Restart time: write {@code --points}, close, and time how long opening the same directory takes. */
@Command(name = "recovery", mixinStandardHelpOptions = true,
        description = "Time to reopen a store after N points were written.")
public final class RecoveryCommand implements Callable<Integer> {

    @Mixin
    FleetOptions fleet;

    @Option(names = "--points", defaultValue = "10000000", description = "points written (default ${DEFAULT-VALUE})")
    long points;

    @Override
    public Integer call() throws Exception {
        long perRound = (long) fleet.hosts * fleet.metrics;
        long rounds = Math.max(1, points / perRound);
        AgentFleet generator = new AgentFleet(fleet.spec(FleetOptions.startFor(rounds)));
        System.out.printf("recovery: %,d points (%d hosts x %d metrics x %d rounds)%n",
                rounds * perRound, fleet.hosts, fleet.metrics, rounds);
        try (BenchDirectory dir = fleet.directory()) {
            EmbeddedOptions options = EmbeddedOptions.defaults(dir.path()).withFsync(FsyncPolicy.everyMillis(1000));
            try (EmbeddedStore store = EmbeddedStore.open(options)) {
                for (long r = 0; r < rounds; r++) {
                    java.util.List<Point> round = generator.nextRound();
                    for (int i = 0; i < round.size(); i += 10_000) {
                        store.write(round.subList(i, Math.min(round.size(), i + 10_000)));
                    }
                }
            }
            long t0 = System.nanoTime();
            try (EmbeddedStore reopened = EmbeddedStore.open(options)) {
                long took = System.nanoTime() - t0;
                System.out.printf("  reopen %.2f s   (%,d points, %,d series back, %,d bytes on disk)%n",
                        took / 1e9, reopened.stats().pointCount(), reopened.stats().seriesCount(), dir.bytes());
            }
        }
        return 0;
    }
}
