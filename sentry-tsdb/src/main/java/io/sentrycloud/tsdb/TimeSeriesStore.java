package io.sentrycloud.tsdb;

import java.util.List;

/**
 * Where sentry keeps its series. The server, the alarm evaluator and the benchmarks talk to storage only through
 * this interface, so the embedded engine and a remote one (VictoriaMetrics) are interchangeable.
 *
 * <p>Implementations are thread-safe.
 */
public interface TimeSeriesStore extends AutoCloseable {

    /**
     * Stores points. When this returns, the points are durable to the implementation's documented policy and
     * visible to queries; when it throws, none of them may be assumed stored.
     *
     * @throws LimitExceededException when a new series would pass the active-series limit
     * @throws StoreException         on an I/O failure
     */
    void write(List<Point> points);

    /**
     * Runs a range query; see {@link Query} for the semantics. Results are sorted by their tags.
     *
     * @throws LimitExceededException when the query would touch more series or points than allowed
     */
    List<SeriesResult> query(Query query);

    /** Metric names starting with {@code prefix} (empty for all), sorted, at most {@code limit}. */
    List<String> metrics(String prefix, int limit);

    /** Tag keys used by any series of {@code metric}, sorted. */
    List<String> tagKeys(String metric);

    /**
     * Values of tag {@code key} among the series of {@code metric} that pass {@code filters}, starting with
     * {@code prefix}, sorted, at most {@code limit}.
     */
    List<String> tagValues(String metric, String key, List<TagFilter> filters, String prefix, int limit);

    /** The series of {@code metric} that pass {@code filters}, sorted, at most {@code limit}. */
    List<SeriesKey> series(String metric, List<TagFilter> filters, int limit);

    /** Sizes for self-monitoring. */
    StoreStats stats();

    /** Flushes what is buffered and releases files; further calls fail. */
    @Override
    void close();
}
