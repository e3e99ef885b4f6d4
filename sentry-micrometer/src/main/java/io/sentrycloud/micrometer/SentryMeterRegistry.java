package io.sentrycloud.micrometer;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.step.StepMeterRegistry;
import io.micrometer.core.instrument.util.NamedThreadFactory;
import io.sentrycloud.sdk.MetricPoint;
import io.sentrycloud.sdk.SentryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A Micrometer registry that pushes to sentry every step. Names and tag keys become snake_case
 * ({@code http.server.requests} is {@code http_server_requests}); per meter type:
 * <ul>
 *   <li>counter, function counter: {@code <name>} = the count of the step;</li>
 *   <li>gauge: {@code <name>};</li>
 *   <li>timer, function timer, distribution summary: {@code <name>_count}, {@code _sum}, {@code _mean} and, where
 *       kept, {@code _max} and the configured percentiles as {@code _p<nn>} (e.g. {@code _p99}); times in ms;</li>
 *   <li>long task timer: {@code <name>_active}, {@code <name>_duration} (ms);</li>
 *   <li>anything else: {@code <name>_<statistic>} per measurement.</li>
 * </ul>
 *
 * <pre>{@code
 * MeterRegistry sentry = new SentryMeterRegistry(key -> props.getProperty(key), Clock.SYSTEM);
 * Metrics.addRegistry(sentry);   // or register it as a bean in Spring Boot
 * }</pre>
 */
public final class SentryMeterRegistry extends StepMeterRegistry {

    private final SentryClient client;
    private final Map<String, String> commonTags;
    private long lastTimestamp;

    /** A registry with its own {@link SentryClient} to {@code config.serverUrl()}; closing it closes the client. */
    public SentryMeterRegistry(SentryRegistryConfig config, Clock clock) {
        super(config, clock);
        this.client = SentryClient.builder().serverUrls(List.of(config.serverUrl().split(","))).build();
        this.commonTags = parseTags(config.commonTags());
        config().namingConvention(NamingConvention.snakeCase);
        start(new NamedThreadFactory("sentry-micrometer"));
    }

    static Map<String, String> parseTags(String csv) {
        Map<String, String> tags = new TreeMap<>();
        for (String raw : csv.split(",")) {
            String pair = raw.trim();
            int eq = pair.indexOf('=');
            if (eq > 0 && eq < pair.length() - 1) {
                tags.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            } else if (!pair.isBlank()) {
                throw new IllegalArgumentException("sentry.commonTags entries are key=value, got '" + pair + "'");
            }
        }
        return tags;
    }

    @Override
    protected TimeUnit getBaseTimeUnit() {
        return TimeUnit.MILLISECONDS;
    }

    /** The client the points go through (its stats show what was sent and dropped). */
    public SentryClient client() {
        return client;
    }

    @Override
    protected void publish() {
        // never a second already used: a point on the same series and second replaces the earlier one on the
        // server, and a step's counts would be lost (the final publish on close may share the last step's second)
        long ts = Math.max(clock.wallTime() / 1000, lastTimestamp + 1);
        lastTimestamp = ts;
        List<MetricPoint> points = new ArrayList<>();
        for (Meter meter : getMeters()) {
            String name = getConventionName(meter.getId());
            Map<String, String> tags = tags(meter);
            meter.use(
                    gauge -> add(points, name, tags, ts, gauge.value()),
                    counter -> add(points, name, tags, ts, counter.count()),
                    timer -> timer(points, name, tags, ts, timer),
                    summary -> summary(points, name, tags, ts, summary),
                    longTask -> longTask(points, name, tags, ts, longTask),
                    timeGauge -> add(points, name, tags, ts, timeGauge.value(getBaseTimeUnit())),
                    functionCounter -> add(points, name, tags, ts, functionCounter.count()),
                    functionTimer -> functionTimer(points, name, tags, ts, functionTimer),
                    other -> other(points, name, tags, ts, other));
        }
        client.sendAll(points);
    }

    private Map<String, String> tags(Meter meter) {
        Map<String, String> tags = new TreeMap<>(commonTags);
        for (Tag t : getConventionTags(meter.getId())) {
            if (!t.getValue().isEmpty()) {
                tags.put(t.getKey().replaceAll("[^a-zA-Z0-9_]", "_"), t.getValue());
            }
        }
        return tags;
    }

    private void timer(List<MetricPoint> points, String name, Map<String, String> tags, long ts, Timer timer) {
        HistogramSnapshot s = timer.takeSnapshot();
        if (s.count() == 0) {
            return;
        }
        add(points, name + "_count", tags, ts, s.count());
        add(points, name + "_sum", tags, ts, s.total(getBaseTimeUnit()));
        add(points, name + "_mean", tags, ts, s.mean(getBaseTimeUnit()));
        add(points, name + "_max", tags, ts, s.max(getBaseTimeUnit()));
        for (ValueAtPercentile p : s.percentileValues()) {
            add(points, name + "_p" + percentileName(p.percentile()), tags, ts, p.value(getBaseTimeUnit()));
        }
    }

    private void summary(List<MetricPoint> points, String name, Map<String, String> tags, long ts,
                         DistributionSummary summary) {
        HistogramSnapshot s = summary.takeSnapshot();
        if (s.count() == 0) {
            return;
        }
        add(points, name + "_count", tags, ts, s.count());
        add(points, name + "_sum", tags, ts, s.total());
        add(points, name + "_mean", tags, ts, s.mean());
        add(points, name + "_max", tags, ts, s.max());
        for (ValueAtPercentile p : s.percentileValues()) {
            add(points, name + "_p" + percentileName(p.percentile()), tags, ts, p.value());
        }
    }

    private void longTask(List<MetricPoint> points, String name, Map<String, String> tags, long ts,
                          LongTaskTimer t) {
        add(points, name + "_active", tags, ts, t.activeTasks());
        add(points, name + "_duration", tags, ts, t.duration(getBaseTimeUnit()));
    }

    private void functionTimer(List<MetricPoint> points, String name, Map<String, String> tags, long ts,
                               FunctionTimer t) {
        add(points, name + "_count", tags, ts, t.count());
        add(points, name + "_sum", tags, ts, t.totalTime(getBaseTimeUnit()));
        add(points, name + "_mean", tags, ts, t.mean(getBaseTimeUnit()));
    }

    private void other(List<MetricPoint> points, String name, Map<String, String> tags, long ts, Meter meter) {
        for (Measurement m : meter.measure()) {
            add(points, name + "_" + m.getStatistic().name().toLowerCase(Locale.ROOT), tags, ts, m.getValue());
        }
    }

    /** 0.99 -> "99", 0.999 -> "999", 0.5 -> "50". */
    static String percentileName(double p) {
        return java.math.BigDecimal.valueOf(p).movePointRight(2).stripTrailingZeros().toPlainString()
                .replace(".", "");
    }

    private static void add(List<MetricPoint> points, String name, Map<String, String> tags, long ts, double v) {
        if (Double.isFinite(v)) {
            points.add(new MetricPoint(name, tags, ts, v));
        }
    }

    /** Publishes the last step (as every step registry does on close), then closes the client. */
    @Override
    public void close() {
        super.close();
        client.close();
    }
}
