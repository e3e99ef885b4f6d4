package io.sentrycloud.bench.compare;

import io.sentrycloud.bench.data.AgentFleet;
import io.sentrycloud.bench.data.InfluxLine;
import io.sentrycloud.bench.data.InfluxLineParser;
import io.sentrycloud.tsdb.Aggregation;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.TagFilter;
import io.sentrycloud.tsdb.embedded.EmbeddedOptions;
import io.sentrycloud.tsdb.embedded.EmbeddedStore;
import io.sentrycloud.tsdb.embedded.FsyncPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Side by side with VictoriaMetrics on one machine, one run: the same generated agent data as the same Influx
 * line batches (VictoriaMetrics over HTTP on 127.0.0.1, sentry parsing the same text in-process into its
 * embedded engine), the same client threads; then disk bytes per point once both have flushed, the same
 * dashboard queries, the restart time after {@code kill -9}, and peak RSS.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "sentry's embedded engine against a local VictoriaMetrics on the same data and queries.")
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--hosts", defaultValue = "1000", description = "simulated hosts (default ${DEFAULT-VALUE})")
    int hosts;

    @Option(names = "--metrics", defaultValue = "50", description = "metrics per host (default ${DEFAULT-VALUE})")
    int metrics;

    @Option(names = "--rounds", defaultValue = "240",
            description = "rounds of 10 s (default ${DEFAULT-VALUE}: 40 minutes, 12 M points)")
    int rounds;

    @Option(names = "--threads", defaultValue = "2", description = "client threads (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--batch", defaultValue = "10000", description = "lines per request (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--repeat", defaultValue = "30", description = "measured runs per query (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--fsync", defaultValue = "1s",
            description = "sentry's log fsync: batch or an interval (default ${DEFAULT-VALUE}, like "
                    + "VictoriaMetrics, which flushes buffered rows about every second)")
    String fsync;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--work-dir", description = "where both data directories go (default: a temporary directory)")
    Path workDir;

    private final List<String[]> rows = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        long start = System.currentTimeMillis() - rounds * 10_000L - 60_000L;
        start -= Math.floorMod(start, 60_000L);
        long end = start + rounds * 10_000L;
        AgentFleet fleet = new AgentFleet(new AgentFleet.Spec(hosts, metrics, 10_000, start, seed));
        List<String> batches = batches(fleet);
        long points = (long) rounds * hosts * metrics;
        String metric = fleet.series().get(0).metric();
        System.out.printf(Locale.ROOT, "compare: %d hosts x %d metrics x %d rounds = %,d points, %d threads, "
                + "batches of %d lines, sentry fsync %s%n", hosts, metrics, rounds, points, threads, batch, fsync);

        Path root = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("sentry-compare-");
        try {
            Figures vm = victoria(root, batches, points, metric, start, end);
            Figures sentry = sentry(root, batches, points, metric, start, end);
            print(sentry, vm);
        } finally {
            if (workDir == null) {
                delete(root);
            }
        }
        return 0;
    }

    /** One system's measurements; times in nanoseconds. */
    record Figures(double pointsPerSecond, double bytesPerPoint, long[][] queryNanos, long restartNanos,
                   long peakRssBytes) {
    }

    /** The dashboard queries, as sentry queries and as MetricsQL for VictoriaMetrics' Influx naming. */
    private record Dashboard(String name, Query sentry, String promql) {
    }

    private List<Dashboard> dashboards(String metric, long start, long end) {
        String host = "host-0001";
        String vmMetric = metric + "_value";
        return List.of(
                new Dashboard("all hosts, 1m avg, by host",
                        new Query(metric, List.of(TagFilter.parse("host", "*")), start, end, 60_000, Aggregation.AVG,
                                List.of("host")),
                        "avg by (host) (avg_over_time(" + vmMetric + "[1m]))"),
                new Dashboard("all hosts, 1m max, one line",
                        new Query(metric, List.of(), start, end, 60_000, Aggregation.MAX, List.of()),
                        "max(max_over_time(" + vmMetric + "[1m]))"),
                new Dashboard("one host, 1m avg",
                        new Query(metric, List.of(TagFilter.exact("host", host)), start, end, 60_000, Aggregation.AVG,
                                List.of()),
                        "avg_over_time(" + vmMetric + "{host=\"" + host + "\"}[1m])"));
    }

    private Figures victoria(Path root, List<String> batches, long points, String metric, long start, long end)
            throws Exception {
        Path dir = Files.createDirectories(root.resolve("victoria-metrics-data"));
        try (VictoriaMetrics vm = new VictoriaMetrics(dir)) {
            vm.start();
            long elapsed = push(batches, lines -> vm.write(lines));
            vm.settle();
            long disk = bytes(dir);
            List<Dashboard> qs = dashboards(metric, start, end);
            long[][] nanos = new long[qs.size()][];
            for (int i = 0; i < qs.size(); i++) {
                String promql = qs.get(i).promql();
                nanos[i] = time(() -> {
                    String body = vm.queryRange(promql, start, end, 60_000);
                    if (!body.contains("\"values\"")) {
                        throw new IllegalStateException("victoria-metrics answered no series to " + promql);
                    }
                });
            }
            long rss = peakRss(vm.pid());
            vm.kill();
            long restart = vm.start();
            return new Figures(points / (elapsed / 1e9), (double) disk / points, nanos, restart, rss);
        }
    }

    private Figures sentry(Path root, List<String> batches, long points, String metric, long start, long end)
            throws Exception {
        Path dir = root.resolve("sentry-data");
        Path crashCopy = root.resolve("sentry-data-after-kill");
        EmbeddedOptions options = EmbeddedOptions.defaults(dir).withFsync(FsyncPolicy.parse(fsync));
        long[][] nanos;
        double disk;
        try (EmbeddedStore store = EmbeddedStore.open(options)) {
            ThreadLocal<InfluxLineParser> parsers = ThreadLocal.withInitial(InfluxLineParser::new);
            long elapsed = push(batches, lines -> store.write(parsers.get().parse(lines)));
            // what kill -9 would leave: the files as they are now, while the store is open
            copy(dir, crashCopy);
            List<Dashboard> qs = dashboards(metric, start, end);
            nanos = new long[qs.size()][];
            for (int i = 0; i < qs.size(); i++) {
                Query q = qs.get(i).sentry();
                nanos[i] = time(() -> {
                    if (store.query(q).isEmpty()) {
                        throw new IllegalStateException("sentry answered no series to " + q);
                    }
                });
            }
            store.flush();
            disk = (double) bytes(dir) / points;
            long rss = peakRss(ProcessHandle.current().pid());
            long t0 = System.nanoTime();
            try (EmbeddedStore reopened = EmbeddedStore.open(
                    EmbeddedOptions.defaults(crashCopy).withFsync(FsyncPolicy.parse(fsync)))) {
                long restart = System.nanoTime() - t0;
                if (reopened.stats().seriesCount() != (long) hosts * metrics) {
                    throw new IllegalStateException("after the restart sentry has " + reopened.stats().seriesCount()
                            + " series");
                }
                return new Figures(points / (elapsed / 1e9), disk, nanos, restart, rss);
            }
        }
    }

    private interface Sink {
        void accept(String lines) throws Exception;
    }

    private interface Action {
        void run() throws Exception;
    }

    /** Sends every batch with {@link #threads} threads taking them in order; returns elapsed nanoseconds. */
    private long push(List<String> data, Sink sink) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        Exception[] failure = new Exception[1];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < data.size(); i = next.getAndIncrement()) {
                        sink.accept(data.get(i));
                    }
                } catch (Exception e) {
                    failure[0] = e;
                }
            }, "compare-client-" + t);
            clients.add(w);
            w.start();
        }
        for (Thread w : clients) {
            w.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return System.nanoTime() - t0;
    }

    private long[] time(Action query) throws Exception {
        for (int i = 0; i < Math.max(3, repeat / 5); i++) {
            query.run(); // warm-up
        }
        long[] nanos = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            query.run();
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private List<String> batches(AgentFleet fleet) {
        List<String> out = new ArrayList<>();
        List<Point> current = new ArrayList<>(batch);
        for (int r = 0; r < rounds; r++) {
            for (Point p : fleet.nextRound()) {
                current.add(p);
                if (current.size() == batch) {
                    out.add(InfluxLine.encode(current));
                    current = new ArrayList<>(batch);
                }
            }
        }
        if (!current.isEmpty()) {
            out.add(InfluxLine.encode(current));
        }
        return out;
    }

    private void print(Figures s, Figures v) {
        row("metric", "sentry", "VictoriaMetrics", "sentry/VM", "better");
        row("ingest points/s", num(s.pointsPerSecond()), num(v.pointsPerSecond()),
                ratio(s.pointsPerSecond(), v.pointsPerSecond()), "higher");
        row("disk bytes/point", fix(s.bytesPerPoint()), fix(v.bytesPerPoint()),
                ratio(s.bytesPerPoint(), v.bytesPerPoint()), "lower");
        List<Dashboard> qs = dashboards("m", 0, 1);
        for (int i = 0; i < qs.size(); i++) {
            for (double pct : new double[] {0.5, 0.99}) {
                double sv = pct(s.queryNanos()[i], pct) / 1e6;
                double vv = pct(v.queryNanos()[i], pct) / 1e6;
                row("query p" + (int) (pct * 100) + " ms: " + qs.get(i).name(), fix(sv), fix(vv), ratio(sv, vv),
                        "lower");
            }
        }
        row("restart after kill -9, s", fix(s.restartNanos() / 1e9), fix(v.restartNanos() / 1e9),
                ratio(s.restartNanos(), v.restartNanos()), "lower");
        row("peak RSS MiB (sentry: whole bench JVM)", num(s.peakRssBytes() / 1048576.0),
                num(v.peakRssBytes() / 1048576.0), ratio(s.peakRssBytes(), v.peakRssBytes()), "lower");
        int[] widths = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder("| ");
            for (int i = 0; i < r.length; i++) {
                sb.append(i == 0 ? pad(r[i], widths[i], false) : pad(r[i], widths[i], true)).append(" | ");
            }
            System.out.println(sb.toString().stripTrailing());
            if (r == rows.get(0)) {
                StringBuilder sep = new StringBuilder("|");
                for (int w : widths) {
                    sep.append("-".repeat(w + 2)).append('|');
                }
                System.out.println(sep);
            }
        }
    }

    private void row(String... cells) {
        rows.add(cells);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1)];
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String fix(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ratio(double a, double b) {
        return b == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    /** VmHWM (peak resident set) of a process, from /proc. */
    static long peakRss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    static long bytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("LOCK")) {
                    try {
                        Files.copy(p, target);
                    } catch (java.nio.file.NoSuchFileException gone) {
                        // a segment or temporary block removed while copying: a crash could see that too
                    }
                }
            }
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
