package io.sentrycloud.bench.engine;

import io.sentrycloud.bench.data.AgentFleet;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The workload and store options every engine benchmark shares. */
public final class FleetOptions {

    @Option(names = "--hosts", defaultValue = "1000", description = "simulated hosts (default ${DEFAULT-VALUE})")
    int hosts;

    @Option(names = "--metrics", defaultValue = "50", description = "metrics per host (default ${DEFAULT-VALUE})")
    int metrics;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--dir", description = "data directory (default: a fresh temporary directory, deleted after)")
    Path dir;

    AgentFleet.Spec spec(long startMillis) {
        return new AgentFleet.Spec(hosts, metrics, 10_000, startMillis, seed);
    }

    /** The data directory to use and whether the benchmark owns (and so deletes) it. */
    BenchDirectory directory() throws java.io.IOException {
        return dir != null ? new BenchDirectory(dir, false)
                : new BenchDirectory(Files.createTempDirectory("sentry-bench-"), true);
    }

    /** Start of the generated data: aligned to the minute, far enough back that every round is in the past. */
    static long startFor(long rounds) {
        long now = System.currentTimeMillis();
        long start = now - rounds * 10_000L - 60_000L;
        return start - Math.floorMod(start, 60_000L);
    }
}
