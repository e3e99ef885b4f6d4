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
import io.sentrycloud.agent.config.ListenersConfig;
import io.sentrycloud.agent.listen.HttpListener;
import io.sentrycloud.agent.listen.ListenerStats;
import io.sentrycloud.agent.listen.PduListener;
import io.sentrycloud.agent.listen.PointForwarder;
import io.sentrycloud.sdk.DeliveryStats;
import io.sentrycloud.sdk.MetricPoint;
import io.sentrycloud.sdk.SentryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    private final ListenersConfig listenersConfig;
    private final ListenerStats listenerStats;
    private final String ip;
    private final List<AutoCloseable> listeners = new ArrayList<>();
    private final Set<String> failing = new HashSet<>();
    private final java.util.concurrent.atomic.AtomicLong rounds = new java.util.concurrent.atomic.AtomicLong();
    private volatile long lastTimestamp;
    private ScheduledExecutorService scheduler;

    SentryAgent(List<Collector> collectors, Map<String, String> commonTags, int intervalSeconds,
                Consumer<List<MetricPoint>> output, SentryClient client, ListenersConfig listenersConfig,
                ListenerStats listenerStats) {
        this.collectors = List.copyOf(collectors);
        this.commonTags = Map.copyOf(commonTags);
        this.intervalSeconds = intervalSeconds;
        this.output = output;
        this.client = client;
        this.listenersConfig = listenersConfig;
        this.listenerStats = listenerStats;
        this.ip = commonTags.get("ip");
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
        ListenerStats listenerStats = new ListenerStats();
        List<Collector> collectors = hostCollectors(config, c == null ? null : c::stats, listenerStats);
        log.info("sentry_agent: host={} ip={}, {} collectors every {} s, {}", id.host(), id.ip(), collectors.size(),
                config.intervalSeconds(), print ? "printing to stdout" : "pushing to " + client.endpoints());
        return new SentryAgent(collectors, tags, config.intervalSeconds(), output, client, config.listeners(),
                listenerStats);
    }

    /** The host collectors (OSHI) and the agent's own metrics. */
    static List<Collector> hostCollectors(AgentConfig config, Supplier<DeliveryStats> delivery,
                                          ListenerStats listenerStats) {
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
        list.add(new SelfCollector(os, delivery, listenerStats));
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
        lastTimestamp = timestamp;
        output.accept(round.points());
        rounds.incrementAndGet();
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

    /**
     * Starts the local listeners (when delivering to a server), then the rounds: one at once (no rates yet), then
     * on every multiple of the interval.
     *
     * @throws UncheckedIOException when a listener's port cannot be bound
     */
    public synchronized void start() {
        if (client != null) {
            startListeners();
        }
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
            // stamp the multiple of the interval this run is for (runs fire a little late); a run delayed past
            // the next one's slot (a stalled machine) still gets its own, later, timestamp: never two rounds on one
            long now = System.currentTimeMillis();
            long ts = Math.round((double) now / intervalMs) * intervalMs / 1000;
            safeRound(Math.max(ts, lastTimestamp + 1));
        }, firstDelay, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void startListeners() {
        ListenersConfig l = listenersConfig;
        PointForwarder forward = client::sendAll;
        try {
            if (l.httpPort() > 0) {
                listeners.add(HttpListener.start(l.host(), l.httpPort(), forward, listenerStats, ip,
                        l.maxBodyBytes()));
            }
            if (l.tcpPort() > 0) {
                listeners.add(PduListener.start(l.host(), l.tcpPort(), forward, listenerStats, ip,
                        (int) Math.min(Integer.MAX_VALUE, l.maxBodyBytes())));
            }
        } catch (IOException e) {
            closeListeners();
            throw new UncheckedIOException("cannot open a local listener on " + l.host() + " (listeners.*): "
                    + e.getMessage(), e);
        }
    }

    private void closeListeners() {
        for (AutoCloseable l : listeners) {
            try {
                l.close();
            } catch (Exception e) {
                log.warn("closing listener failed: {}", e.toString());
            }
        }
        listeners.clear();
    }

    private void safeRound(long timestamp) {
        try {
            runRound(timestamp);
        } catch (RuntimeException e) {
            log.error("collection round {} failed", timestamp, e);
        }
    }

    /** Rounds whose points went to the output so far (each carries one heartbeat point). */
    public long rounds() {
        return rounds.get();
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
        closeListeners();
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
