package io.sentrycloud.sdk.meter;

import io.sentrycloud.sdk.MetricPoint;
import io.sentrycloud.sdk.SentryClient;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * A registry of meters that sends their values through a {@link SentryClient} every {@code step}, stamped with the
 * step's end (seconds). Asking twice for the same name and tags gives the same meter.
 *
 * <pre>{@code
 * SentryMeters meters = new SentryMeters(client, Duration.ofSeconds(10));
 * Counter orders = meters.counter("shop_orders", Map.of("region", "eu"));
 * orders.increment();
 * meters.gauge("shop_queue_size", Map.of(), queue::size);
 * meters.timer("shop_checkout_ms", Map.of()).record(Duration.ofMillis(42));
 * meters.close(); // sends the last step, then close the client
 * }</pre>
 */
public final class SentryMeters implements AutoCloseable {

    private static final System.Logger log = System.getLogger(SentryMeters.class.getName());

    private final SentryClient client;
    private final long stepMillis;
    private final Map<MeterId, Counter> counters = new ConcurrentHashMap<>();
    private final Map<MeterId, DoubleSupplier> gauges = new ConcurrentHashMap<>();
    private final Map<MeterId, Summary> summaries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private boolean closed;
    private long lastTimestamp;

    /**
     * Starts publishing every {@code step} on a daemon thread.
     *
     * @param client where the points go (not closed by this registry)
     */
    public SentryMeters(SentryClient client, Duration step) {
        if (step.toMillis() < 1000) {
            throw new IllegalArgumentException("step must be at least 1 s (points are stamped in seconds), got "
                    + step);
        }
        this.client = client;
        this.stepMillis = step.toMillis();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sentry-sdk-meters");
            t.setDaemon(true);
            return t;
        });
        long now = System.currentTimeMillis();
        // publish on multiples of the step, so the points of several processes line up
        scheduler.scheduleAtFixedRate(this::publishSafely, stepMillis - now % stepMillis, stepMillis,
                TimeUnit.MILLISECONDS);
    }

    /** The counter of this name and tags. */
    public Counter counter(String name, Map<String, String> tags) {
        return counters.computeIfAbsent(new MeterId(name, tags), id -> new Counter());
    }

    /** Registers (or replaces) a gauge: {@code value} is read every step, on the registry's thread. */
    public void gauge(String name, Map<String, String> tags, DoubleSupplier value) {
        gauges.put(new MeterId(name, tags), value);
    }

    /** The timer of this name and tags (durations in ms). */
    public Timer timer(String name, Map<String, String> tags) {
        Summary s = summaries.computeIfAbsent(new MeterId(name, tags), id -> new Timer());
        if (!(s instanceof Timer)) {
            throw new IllegalArgumentException(name + tags + " is a summary, not a timer");
        }
        return (Timer) s;
    }

    /** The summary of this name and tags (any values, e.g. sizes). */
    public Summary summary(String name, Map<String, String> tags) {
        return summaries.computeIfAbsent(new MeterId(name, tags), id -> new Summary());
    }

    private void publishSafely() {
        try {
            publish(System.currentTimeMillis());
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "publishing meters failed", e);
        }
    }

    /** Turns the current step into points and hands them to the client; returns how many were handed over. */
    synchronized int publish(long nowMillis) {
        // a step's end, and never a second already used: a point on the same series and second would replace
        // the previous one on the server, and a counter's counts would be lost
        long ts = Math.max(Math.round((double) nowMillis / stepMillis) * stepMillis / 1000, lastTimestamp + 1);
        lastTimestamp = ts;
        List<MetricPoint> points = new ArrayList<>();
        counters.forEach((id, c) -> points.add(new MetricPoint(id.name, id.tags, ts, c.drain())));
        gauges.forEach((id, g) -> {
            double v;
            try {
                v = g.getAsDouble();
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "gauge " + id + " failed: " + e);
                return;
            }
            if (Double.isFinite(v)) {
                points.add(new MetricPoint(id.name, id.tags, ts, v));
            }
        });
        summaries.forEach((id, s) -> {
            Summary.Snapshot snap = s.drain();
            if (snap != null) {
                points.add(new MetricPoint(id.name + "_count", id.tags, ts, snap.count));
                points.add(new MetricPoint(id.name + "_sum", id.tags, ts, snap.sum));
                points.add(new MetricPoint(id.name + "_min", id.tags, ts, snap.min));
                points.add(new MetricPoint(id.name + "_max", id.tags, ts, snap.max));
                points.add(new MetricPoint(id.name + "_mean", id.tags, ts, snap.sum / snap.count));
                points.add(new MetricPoint(id.name + "_p50", id.tags, ts, snap.p50));
                points.add(new MetricPoint(id.name + "_p90", id.tags, ts, snap.p90));
                points.add(new MetricPoint(id.name + "_p99", id.tags, ts, snap.p99));
            }
        });
        return client.sendAll(points);
    }

    /** Stops the schedule and publishes the last (partial) step. The client stays open. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        publish(System.currentTimeMillis());
    }
}
