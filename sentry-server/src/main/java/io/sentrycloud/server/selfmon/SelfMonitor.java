package io.sentrycloud.server.selfmon;

import io.sentrycloud.server.http.Api;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.StoreStats;
import io.sentrycloud.tsdb.TimeSeriesStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every interval, writes the server's own figures into its store, in-process, under the original's names:
 * {@code sentry_server_http_qps{api}} (requests in the interval), {@code sentry_server_http_rt{api}} (average ms),
 * {@code sentry_server_data_point}, {@code sentry_server_agent_count}, {@code sentry_server_query_count},
 * {@code sentry_server_threads}, {@code sentry_server_gc_count}, {@code sentry_server_gc_pause} (ms in the interval),
 * {@code sentry_server_heap_used}, {@code sentry_server_series_count} and {@code sentry_server_store_bytes}; each
 * tagged {@code sentryIP}, {@code instance} (ip:port) and {@code appName=sentry_server}.
 */
public final class SelfMonitor implements AutoCloseable {

    public static final String APP_NAME = "sentry_server";
    private static final Logger log = LoggerFactory.getLogger(SelfMonitor.class);

    private final TimeSeriesStore store;
    private final ServerStats stats;
    private final Map<String, String> tags;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private ServerStats.Snapshot previous;
    private JvmSample previousJvm;

    private SelfMonitor(TimeSeriesStore store, ServerStats stats, Map<String, String> tags, Clock clock) {
        this.store = store;
        this.stats = stats;
        this.tags = tags;
        this.clock = clock;
        this.previous = stats.snapshot();
        this.previousJvm = JvmSample.now();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sentry-self-monitor");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sampling every {@code intervalSeconds}; the first sample is written one interval from now. */
    public static SelfMonitor start(TimeSeriesStore store, ServerStats stats, String hostIp, int port,
                                    int intervalSeconds, Clock clock) {
        Map<String, String> tags = Map.of("sentryIP", hostIp, "instance", hostIp + ":" + port, "appName", APP_NAME);
        SelfMonitor monitor = new SelfMonitor(store, stats, tags, clock);
        monitor.timer.scheduleAtFixedRate(monitor::sampleSafely, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        return monitor;
    }

    private void sampleSafely() {
        try {
            store.write(sample());
        } catch (RuntimeException e) {
            // a full disk or a closed store must not kill the timer: the next interval tries again
            log.warn("self-monitoring sample not stored: {}", e.getMessage());
        }
    }

    /** The points of one interval: differences since the previous sample, and current levels. */
    synchronized List<Point> sample() {
        long now = clock.millis() / 1000 * 1000;
        ServerStats.Snapshot current = stats.snapshot();
        JvmSample jvm = JvmSample.now();
        List<Point> points = new ArrayList<>();
        for (Api api : Api.values()) {
            long count = current.requests().get(api) - previous.requests().get(api);
            Map<String, String> apiTags = with("api", api.statName());
            points.add(Point.of("sentry_server_http_qps", apiTags, now, count));
            if (count > 0) {
                long nanos = current.nanos().get(api) - previous.nanos().get(api);
                points.add(Point.of("sentry_server_http_rt", apiTags, now, nanos / 1e6 / count));
            }
        }
        points.add(point("sentry_server_data_point", now, current.acceptedPoints() - previous.acceptedPoints()));
        points.add(point("sentry_server_agent_count", now, stats.drainSenders()));
        points.add(point("sentry_server_query_count", now, current.queries() - previous.queries()));
        points.add(point("sentry_server_threads", now, jvm.threads()));
        points.add(point("sentry_server_gc_count", now, jvm.gcCount() - previousJvm.gcCount()));
        points.add(point("sentry_server_gc_pause", now, jvm.gcPauseMillis() - previousJvm.gcPauseMillis()));
        points.add(point("sentry_server_heap_used", now, jvm.heapUsed()));
        StoreStats store = this.store.stats();
        points.add(point("sentry_server_series_count", now, store.seriesCount()));
        points.add(point("sentry_server_store_bytes", now, store.diskBytes()));
        previous = current;
        previousJvm = jvm;
        return points;
    }

    private Point point(String metric, long timestamp, double value) {
        return Point.of(metric, tags, timestamp, value);
    }

    private Map<String, String> with(String key, String value) {
        Map<String, String> t = new TreeMap<>(tags);
        t.put(key, value);
        return t;
    }

    /** Stops sampling; a sample being written finishes first. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
