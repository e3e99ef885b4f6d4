package io.sentrycloud.bench.alarm;

import io.sentrycloud.alarm.AlarmEngine;
import io.sentrycloud.alarm.EngineSettings;
import io.sentrycloud.alarm.eval.SeriesQuery;
import io.sentrycloud.alarm.RuleStatus;
import io.sentrycloud.alarm.memory.MemoryAlertStore;
import io.sentrycloud.alarm.memory.MemoryContacts;
import io.sentrycloud.alarm.memory.MemoryLease;
import io.sentrycloud.alarm.memory.MemoryRules;
import io.sentrycloud.alarm.memory.MemorySilences;
import io.sentrycloud.alarm.rule.RuleRow;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.embedded.EmbeddedOptions;
import io.sentrycloud.tsdb.embedded.EmbeddedStore;
import io.sentrycloud.tsdb.embedded.FsyncPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code --rules} rules of the four types (70 % threshold, 10 % each heartbeat, compare, TopN), each over its own
 * metric of {@code --series} hosts with 10 s points, evaluated once by an {@link AlarmEngine} on
 * {@code --threads} threads as its scheduler would: the figure is the wall time of one full round, which must stay
 * under the 60 s interval. About 1 % of the series breach, so states, history and deliveries are written too.
 */
@Command(name = "alarm", mixinStandardHelpOptions = true,
        description = "Wall time to evaluate N alarm rules x S series once (must fit a 60 s interval).")
public final class AlarmCommand implements Callable<Integer> {

    @Option(names = "--rules", defaultValue = "10000", description = "rules (default ${DEFAULT-VALUE})")
    int rules;

    @Option(names = "--series", defaultValue = "10", description = "series per rule (default ${DEFAULT-VALUE})")
    int series;

    @Option(names = "--threads", defaultValue = "2", description = "evaluation threads (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--rounds", defaultValue = "3", description = "evaluation rounds, 60 s apart (default ${DEFAULT-VALUE})")
    int rounds;

    @Override
    public Integer call() throws Exception {
        long now = 1_700_000_000L;
        long dataStart = now - 86_400 - 300; // compare rules look one day back
        Path dir = Files.createTempDirectory("sentry-bench-alarm");
        System.out.printf("alarm: %,d rules x %d series, %d threads, %d rounds%n", rules, series, threads, rounds);
        try (EmbeddedStore store = EmbeddedStore.open(EmbeddedOptions.defaults(dir)
                .withFsync(FsyncPolicy.everyMillis(1000))
                .withClock(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC)))) {
            long points = write(store, now, dataStart);
            System.out.printf("  wrote %,d points%n", points);
            MemoryRules source = new MemoryRules();
            for (int i = 0; i < rules; i++) {
                source.put(rule(i));
            }
            MemoryAlertStore alerts = new MemoryAlertStore(1_000_000);
            AlarmEngine engine = new AlarmEngine(SeriesQuery.of(store), source, new MemoryContacts(),
                    new MemorySilences(), alerts,
                    alerts, new MemoryLease(), List.of(), EngineSettings.defaults("bench").withThreads(threads),
                    Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
            engine.refreshRules();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                for (int round = 0; round < rounds; round++) {
                    long at = now + round * 60L;
                    AtomicInteger done = new AtomicInteger();
                    long t0 = System.nanoTime();
                    List<Future<?>> futures = new ArrayList<>();
                    for (int i = 0; i < rules; i++) {
                        long id = i + 1;
                        futures.add(pool.submit(() -> {
                            if (engine.evaluate(id, at)) {
                                done.incrementAndGet();
                            }
                        }));
                    }
                    for (Future<?> f : futures) {
                        f.get();
                    }
                    double secs = (System.nanoTime() - t0) / 1e9;
                    long[] micros = engine.status().stream().mapToLong(RuleStatus::lastMicros).sorted().toArray();
                    long errors = engine.status().stream().filter(s -> !s.lastError().isEmpty()).count();
                    System.out.printf("  round %d: %,d rules in %.2f s (%.0f rules/s), per rule p50 %.2f ms p99 %.2f ms,"
                                    + " %d query errors, %,d active alerts%n", round + 1, done.get(), secs,
                            done.get() / secs, micros[micros.length / 2] / 1e3,
                            micros[(int) Math.min(micros.length - 1, Math.ceil(micros.length * 0.99) - 1)] / 1e3,
                            errors, engine.activeAlerts().size());
                }
            } finally {
                pool.shutdown();
                engine.close();
            }
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return 0;
    }

    /** Ten-second points of every rule's series for the last 10 minutes, and one day earlier for compare rules. */
    private long write(EmbeddedStore store, long now, long dataStart) {
        Random random = new Random(1);
        long n = 0;
        List<Point> buffer = new ArrayList<>(100_000);
        for (int i = 0; i < rules; i++) {
            String metric = "alarm_bench_" + i;
            for (int h = 0; h < series; h++) {
                Map<String, String> tags = Map.of("host", "h" + h);
                boolean hot = random.nextInt(100) == 0;
                for (long[] range : new long[][] {{dataStart, dataStart + 900}, {now - 600, now + rounds * 60L}}) {
                    for (long t = range[0]; t <= range[1]; t += 10) {
                        buffer.add(Point.of(metric, tags, t * 1000, hot ? 95 : 40 + random.nextInt(20)));
                    }
                }
                if (buffer.size() >= 100_000) {
                    store.write(buffer);
                    n += buffer.size();
                    buffer.clear();
                }
            }
        }
        store.write(buffer);
        return n + buffer.size();
    }

    private static RuleRow rule(int i) {
        String ds = "{\"metric\":\"alarm_bench_" + i + "\",\"tags\":{\"host\":\"*\"},\"aggregation\":\"max\","
                + "\"down_sample\":10";
        int type;
        String trigger = "{\"greater_than\":90,\"error_count\":2}";
        switch (i % 10) {
            case 0 -> type = 0;
            case 1 -> {
                type = 3;
                ds += ",\"compare_type\":1,\"compare_days_ago\":1,\"compare_seconds\":0";
                trigger = "{\"greater_than\":1.8}";
            }
            case 2 -> {
                type = 2;
                ds += ",\"sort\":\"desc\",\"limit\":5";
            }
            default -> type = 1;
        }
        return new RuleRow(i + 1, "bench " + i, type, 60, "bench", 1, "", ds + "}", trigger, true);
    }
}
