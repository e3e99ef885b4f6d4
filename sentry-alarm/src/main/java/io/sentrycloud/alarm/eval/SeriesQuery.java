package io.sentrycloud.alarm.eval;

import io.sentrycloud.tsdb.DataPoint;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.SeriesResult;
import io.sentrycloud.tsdb.TimeSeriesStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The two questions the evaluator asks about series: a range query, and a ranking. In-process (the default,
 * {@link #of}) it asks a {@link TimeSeriesStore} directly; a separate alarm process asks a server's query API
 * ({@code io.sentrycloud.alarm.remote.HttpSeriesQuery}).
 */
public interface SeriesQuery {

    /** A range query with the semantics of {@link Query}. */
    List<SeriesResult> range(Query query);

    /**
     * The values of {@code rankTag} among the series of {@code query}, each reduced to one value by the query's
     * aggregation over every point in {@code [start, end]}, best first, at most {@code limit}. Each result holds
     * the ranked tag and one point.
     */
    List<SeriesResult> topN(Query query, String rankTag, boolean descending, int limit);

    /** Asks a store in-process. */
    static SeriesQuery of(TimeSeriesStore store) {
        return new SeriesQuery() {
            @Override
            public List<SeriesResult> range(Query query) {
                return store.query(query);
            }

            @Override
            public List<SeriesResult> topN(Query query, String rankTag, boolean descending, int limit) {
                // one bucket wider than the window's end puts every point of a group into a single value
                Query one = new Query(query.metric(), query.filters(), query.start(), query.end(), query.end() + 1,
                        query.aggregation(), List.of(rankTag));
                List<SeriesResult> ranked = new ArrayList<>();
                for (SeriesResult r : store.query(one)) {
                    if (!r.points().isEmpty()) {
                        ranked.add(r);
                    }
                }
                Comparator<SeriesResult> byValue = Comparator.comparingDouble(r -> r.points().get(0).value());
                ranked.sort(descending ? byValue.reversed() : byValue);
                List<SeriesResult> out = new ArrayList<>();
                for (SeriesResult r : ranked.subList(0, Math.min(limit, ranked.size()))) {
                    DataPoint p = r.points().get(0);
                    out.add(new SeriesResult(r.metric(), r.tags(), List.of(new DataPoint(query.start(), p.value()))));
                }
                return out;
            }
        };
    }
}
