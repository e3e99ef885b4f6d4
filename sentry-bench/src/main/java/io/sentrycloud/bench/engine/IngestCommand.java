package io.sentrycloud.bench.engine;

import io.sentrycloud.bench.data.AgentFleet;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.embedded.EmbeddedOptions;
import io.sentrycloud.tsdb.embedded.EmbeddedStore;
import io.sentrycloud.tsdb.embedded.FsyncPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingest through the Java API: points/s with several writer threads, then bytes per point on disk and heap per
 * series. The data is generated before the clock starts, so the figure is the engine's alone.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Ingest rate through the Java API, bytes per point on disk, heap per series.")
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    FleetOptions fleet;

    @Option(names = "--rounds", defaultValue = "100", description = "rounds of 10 s (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--threads", defaultValue = "2", description = "writer threads (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--batch", defaultValue = "10000", description = "points per write (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--fsync", defaultValue = "batch",
            description = "write-ahead log fsync: batch or an interval like 100ms (default ${DEFAULT-VALUE})")
    String fsync;

    @Option(names = "--warmup-rounds", defaultValue = "20",
            description = "rounds written to a throw-away store first, so the JIT has compiled the write path")
    int warmupRounds;

    @Override
    public Integer call() throws Exception {
        long start = FleetOptions.startFor(rounds);
        System.out.printf("ingest: %d hosts x %d metrics, %d rounds (%,d points), %d threads, batch %d, fsync %s%n",
                fleet.hosts, fleet.metrics, rounds, (long) rounds * fleet.hosts * fleet.metrics, threads, batch, fsync);

        if (warmupRounds > 0) {
            try (BenchDirectory dir = fleet.directory()) {
                List<List<Point>> warm = batches(new AgentFleet(fleet.spec(start)), warmupRounds);
                try (EmbeddedStore store = EmbeddedStore.open(options(dir))) {
                    write(store, warm);
                }
            }
        }

        long heapBefore = Heap.usedAfterGc();
        AgentFleet generator = new AgentFleet(fleet.spec(start));
        List<List<Point>> data = batches(generator, rounds);
        long points = data.stream().mapToLong(List::size).sum();

        try (BenchDirectory dir = fleet.directory()) {
            EmbeddedStore store = EmbeddedStore.open(options(dir));
            long elapsed = write(store, data);
            data = null; // the store must hold its own copy; let the generated batches go before weighing the heap
            long heapStore = Heap.usedAfterGc() - heapBefore;
            long walDisk = dir.bytes();
            long flushStart = System.nanoTime();
            store.flush(); // head -> blocks, compacted; the log is truncated
            long flushNanos = System.nanoTime() - flushStart;
            store.close();
            long disk = dir.bytes();
            int series = generator.spec().seriesCount();

            System.out.printf("  points/s            %,.0f  (%,d points in %.2f s)%n",
                    points / (elapsed / 1e9), points, elapsed / 1e9);
            System.out.printf("  disk bytes/point    %.2f  (%,d bytes in blocks after flush and compaction, which took "
                    + "%.2f s; %.2f bytes/point in the write-ahead log before)%n", (double) disk / points, disk,
                    flushNanos / 1e9, (double) walDisk / points);
            System.out.printf("  heap bytes/series   %,.0f  (%,d series, %,d bytes retained by the store)%n",
                    (double) heapStore / series, series, heapStore);
        }
        return 0;
    }

    private EmbeddedOptions options(BenchDirectory dir) {
        return EmbeddedOptions.defaults(dir.path()).withFsync(FsyncPolicy.parse(fsync));
    }

    private List<List<Point>> batches(AgentFleet generator, int count) {
        List<List<Point>> out = new ArrayList<>();
        List<Point> current = new ArrayList<>(batch);
        for (int r = 0; r < count; r++) {
            for (Point p : generator.nextRound()) {
                current.add(p);
                if (current.size() == batch) {
                    out.add(current);
                    current = new ArrayList<>(batch);
                }
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** Writes every batch with {@link #threads} threads taking batches in order; returns elapsed nanoseconds. */
    private long write(EmbeddedStore store, List<List<Point>> data) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < data.size(); i = next.getAndIncrement()) {
                    store.write(data.get(i));
                }
            }, "bench-writer-" + t);
            writers.add(w);
            w.start();
        }
        for (Thread w : writers) {
            w.join();
        }
        return System.nanoTime() - t0;
    }
}
