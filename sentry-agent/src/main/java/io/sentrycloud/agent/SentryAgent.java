package io.sentrycloud.agent;

import io.sentrycloud.agent.collect.Collector;
import io.sentrycloud.agent.collect.HostIdentity;
import io.sentrycloud.agent.collect.Round;
import io.sentrycloud.agent.collect.host.CpuCollector;
import io.sentrycloud.agent.collect.host.DiskIoCollector;
import io.sentrycloud.agent.collect.host.FilesystemCollector;
import io.sentrycloud.agent.collect.host.LoadCollector;
import io.sentrycloud.agent.collect.host.MemoryCollector;
import io.sentrycloud.agent.collect.host.NetworkCollector;
import io.sentrycloud.agent.collect.host.ProcessCollector;
import io.sentrycloud.agent.collect.host.TcpStatusCollector;
import io.sentrycloud.agent.collect.self.SelfCollector;
import io.sentrycloud.agent.config.AgentConfig;
import io.sentrycloud.sdk.DeliveryStats;
import io.sentrycloud.sdk.MetricPoint;
import io.sentrycloud.sdk.SentryClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;

/**
 * A running agent: every {@code interval_seconds}, on multiples of it, asks each collector for its points and hands
 * the round to an output (the delivery client, or stdout for {@code --print}).
 */
public final class SentryAgent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SentryAgent.class);

    private final List<Collector> collectors;
    private final Map<String, String> commonTags;
    private final int intervalSeconds;
    private final Consumer<List<MetricPoint>> output;
    private final SentryClient client;
    private final Set<String> failing = new HashSet<>();
    private ScheduledExecutorService scheduler;

    SentryAgent(List<Collector> collectors, Map<String, String> commonTags, int intervalSeconds,
                Consumer<List<MetricPoint>> output, SentryClient client) {
        this.collectors = List.copyOf(collectors);
        this.commonTags = Map.copyOf(commonTags);
        this.intervalSeconds = intervalSeconds;
        this.output = output;
        this.client = client;
    }

    /**
     * Builds an agent for {@code config}.
     *
     * @param home  the agent's folder, against which a relative spool directory is resolved
     * @param print print each round to {@code printTo} instead of delivering it to a server
     */
    public static SentryAgent create(AgentConfig config, Path home, boolean print, java.io.PrintStream printTo) {
        SentryClient client = null;
        Consumer<List<MetricPoint>> output;
        if (print) {
            output = points -> points.forEach(p -> printTo.println(Printed.line(p)));
        } else {
            SentryClient.Builder b = SentryClient.builder().serverUrls(config.serverUrls())
                    .batchSize(config.delivery().batchSize()).queueCapacity(config.delivery().queueCapacity())
                    .gzip(config.delivery().gzip()).spoolMaxBytes(config.delivery().spoolMaxBytes())
                    .backoff(Duration.ofSeconds(1), Duration.ofSeconds(config.delivery().maxBackoffSeconds()));
            Path spool = config.spoolDir(home);
            if (spool != null) {
                b.spoolDir(spool);
            }
            client = b.build();
            SentryClient c = client;
            output = c::sendAll;
        }
        HostIdentity id = HostIdentity.resolve(config.host(), config.ip(), URI.create(config.serverUrls().get(0)));
        Map<String, String> tags = new TreeMap<>(config.tags());
        tags.put("host", id.host());
        tags.put("ip", id.ip());
        SentryClient c = client;
        List<Collector> collectors = hostCollectors(config, c == null ? null : c::stats);
        log.info("sentry_agent: host={} ip={}, {} collectors every {} s, {}", id.host(), id.ip(), collectors.size(),
                config.intervalSeconds(), print ? "printing to stdout" : "pushing to " + client.endpoints());
        return new SentryAgent(collectors, tags, config.intervalSeconds(), output, client);
    }

    /** The host collectors (OSHI) and the agent's own metrics. */
    static List<Collector> hostCollectors(AgentConfig config, Supplier<DeliveryStats> delivery) {
        SystemInfo si = new SystemInfo();
        HardwareAbstractionLayer hal = si.getHardware();
        OperatingSystem os = si.getOperatingSystem();
        List<Collector> list = new ArrayList<>();
        list.add(new CpuCollector(hal.getProcessor(), config.hostMetrics().perCore()));
        list.add(new LoadCollector(hal.getProcessor()));
        list.add(new MemoryCollector(hal.getMemory()));
        list.add(new FilesystemCollector(os.getFileSystem(), config.hostMetrics().excludedFsTypes()));
        list.add(new DiskIoCollector(hal, config.hostMetrics().excludedDisks()));
        list.add(new NetworkCollector(hal));
        list.add(new TcpStatusCollector(os.getInternetProtocolStats()));
        list.add(new ProcessCollector(os, config.hostMetrics().processNames()));
        list.add(new SelfCollector(os, delivery));
        return list;
    }

    /** Runs one round stamped {@code timestamp} (epoch seconds) and returns its points, without output. */
    Round collect(long timestamp) {
        Round round = new Round(timestamp, commonTags);
        for (Collector c : collectors) {
            try {
                c.collect(round);
                if (failing.remove(c.name())) {
                    log.info("collector {} works again", c.name());
                }
            } catch (Exception | LinkageError e) {
                // say it once per failure streak, not every round
                if (failing.add(c.name())) {
                    log.warn("collector {} failed: {}", c.name(), e.toString());
                } else {
                    log.debug("collector {} still failing", c.name(), e);
                }
            }
        }
        return round;
    }

    /** Runs a round now and sends its points to the output. */
    void runRound(long timestamp) {
        long t0 = System.nanoTime();
        Round round = collect(timestamp);
        output.accept(round.points());
        log.debug("round {}: {} points in {} ms", timestamp, round.points().size(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * One round for {@code --once}: a first reading (rates need two), a one-second pause, then the round that is
     * output.
     */
    public void once() throws InterruptedException {
        collect(System.currentTimeMillis() / 1000);
        Thread.sleep(1000);
        runRound(System.currentTimeMillis() / 1000);
    }

    /** Starts the rounds: one at once (no rates yet), then on every multiple of the interval. */
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sentry-agent-collect");
            t.setDaemon(true);
            return t;
        });
        long nowMs = System.currentTimeMillis();
        long intervalMs = intervalSeconds * 1000L;
        scheduler.execute(() -> safeRound(nowMs / 1000));
        long firstDelay = intervalMs - nowMs % intervalMs;
        scheduler.scheduleAtFixedRate(() -> {
            // stamp the multiple of the interval this run is for (runs fire a little late, never much)
            long now = System.currentTimeMillis();
            safeRound(Math.round((double) now / intervalMs) * intervalMs / 1000);
        }, firstDelay, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void safeRound(long timestamp) {
        try {
            runRound(timestamp);
        } catch (RuntimeException e) {
            log.error("collection round {} failed", timestamp, e);
        }
    }

    /** The delivery client, or null when printing. */
    public SentryClient client() {
        return client;
    }

    /**
     * Stops the rounds and closes the collectors; the client gets a few seconds to deliver what it holds (with a
     * disk spool, what it cannot deliver stays there for the next start).
     */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        collectors.forEach(Collector::close);
        if (client != null) {
            client.close();
            log.info("sentry_agent stopped: {}", client.stats());
        }
    }
}
