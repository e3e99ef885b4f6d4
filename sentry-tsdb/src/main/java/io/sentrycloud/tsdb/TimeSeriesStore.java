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

    /** Which end of a ranking {@link #rank} returns. */
    enum Ranking { TOP, BOTTOM }

    /**
     * TopN / BottomN: the groups of {@code query} (its filters, range, {@code groupBy} and rate) ranked by
     * {@code query.aggregation()} over all their points in the range, at most {@code limit}, best first. Each
     * result holds one point: the range start and the group's value. Ties keep the groups' tag order.
     *
     * @throws LimitExceededException when the query would touch more series or points than allowed
     */
    default List<SeriesResult> rank(Query query, Ranking ranking, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        if (query.start() < 0) {
            throw new IllegalArgumentException("a ranking needs a range starting at or after the epoch");
        }
        // one bucket wider than the whole range: each group's points reduce to the single bucket 0
        Query whole = new Query(query.metric(), query.filters(), query.start(), query.end(), query.end() + 1,
                query.aggregation(), query.groupBy(), query.rate());
        java.util.List<SeriesResult> groups = new java.util.ArrayList<>();
        for (SeriesResult r : query(whole)) {
            if (!r.points().isEmpty() && !Double.isNaN(r.points().get(0).value())) {
                groups.add(new SeriesResult(r.metric(), r.tags(),
                        List.of(new DataPoint(query.start(), r.points().get(0).value()))));
            }
        }
        java.util.Comparator<SeriesResult> byValue =
                java.util.Comparator.comparingDouble(r -> r.points().get(0).value());
        groups.sort(ranking == Ranking.TOP ? byValue.reversed() : byValue);
        return List.copyOf(groups.subList(0, Math.min(limit, groups.size())));
    }

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
