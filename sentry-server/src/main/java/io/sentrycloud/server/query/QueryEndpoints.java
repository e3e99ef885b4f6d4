package io.sentrycloud.server.query;

import io.javalin.http.Context;
import io.sentrycloud.server.config.QueryConfig;
import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.http.Reply;
import io.sentrycloud.server.http.RequestBody;
import io.sentrycloud.server.query.Replies.Curve;
import io.sentrycloud.server.query.Replies.Dp;
import io.sentrycloud.server.query.Requests.MetricRequest;
import io.sentrycloud.server.query.Requests.RangeRequest;
import io.sentrycloud.server.query.Requests.TopNRequest;
import io.sentrycloud.tsdb.Aggregation;
import io.sentrycloud.tsdb.LimitExceededException;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.SeriesResult;
import io.sentrycloud.tsdb.StoreException;
import io.sentrycloud.tsdb.TagFilter;
import io.sentrycloud.tsdb.TimeSeriesStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The handlers of the original's query API over a {@link TimeSeriesStore}. */
public final class QueryEndpoints {

    private final TimeSeriesStore store;
    private final QueryConfig limits;
    private final int maxTags;
    private final long maxBodyBytes;
    private final Clock clock;

    public QueryEndpoints(TimeSeriesStore store, QueryConfig limits, int maxTags, long maxBodyBytes, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.maxTags = maxTags;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    /** {@code /server/api/metrics {"metric": prefix}} → metric names starting with the prefix. */
    public void metrics(Context ctx) {
        MetricRequest req = RequestBody.readJson(ctx, maxBodyBytes, MetricRequest.class);
        String prefix = req.metric() == null ? "" : req.metric();
        Reply.ok(ctx, run(() -> store.metrics(prefix, limits.maxNames())));
    }

    /** {@code /server/api/tagKeys {"metric"}} → the metric's tag keys. */
    public void tagKeys(Context ctx) {
        MetricRequest req = RequestBody.readJson(ctx, maxBodyBytes, MetricRequest.class);
        String metric = requireMetric(req.metric());
        Reply.ok(ctx, run(() -> store.tagKeys(metric)));
    }

    /** The tag keys of a metric's series. */
    List<String> tagKeysOf(String metric) {
        return run(() -> store.tagKeys(metric));
    }

    /**
     * {@code /server/api/tagValues {"metric","tags"}}: exactly one tag is {@code *} or {@code prefix*}; the answer
     * lists its values among the series passing the other tags.
     */
    public void tagValues(Context ctx) {
        MetricRequest req = RequestBody.readJson(ctx, maxBodyBytes, MetricRequest.class);
        String metric = requireMetric(req.metric());
        TagSpec spec = TagSpec.parse(req.tags(), maxTags);
        if (spec.starKeys().size() != 1) {
            throw ApiException.badRequest(ApiCode.STAR_KEYS, "tagValues needs exactly one tag whose value is '*'"
                    + " or 'prefix*' (the tag to list), got " + spec.starKeys().size());
        }
        String key = spec.starKeys().get(0);
        List<TagFilter> others = spec.filters().stream().filter(f -> !f.key().equals(key)).toList();
        Reply.ok(ctx, run(() -> store.tagValues(metric, key, others, spec.prefixes().get(key),
                limits.maxNames())));
    }

    /**
     * {@code /server/api/curves {"metric","tags"}} → the concrete tag sets the {@code *} tags expand to, each with
     * the request's other tags; with no {@code *} tag, the request's tags themselves (as the original).
     */
    public void curves(Context ctx) {
        MetricRequest req = RequestBody.readJson(ctx, maxBodyBytes, MetricRequest.class);
        String metric = requireMetric(req.metric());
        TagSpec spec = TagSpec.parse(req.tags(), maxTags);
        if (spec.starKeys().isEmpty()) {
            Reply.ok(ctx, List.of(spec.fixed()));
            return;
        }
        Reply.ok(ctx, expand(metric, spec));
    }

    /** The concrete tag sets the {@code *} tags of {@code spec} expand to, each with the fixed tags. */
    Set<Map<String, String>> expand(String metric, TagSpec spec) {
        List<SeriesKey> series = run(() -> store.series(metric, spec.filters(), limits.maxSeries()));
        Set<Map<String, String>> curves = new LinkedHashSet<>();
        for (SeriesKey s : series) {
            Map<String, String> tags = new TreeMap<>(spec.fixed());
            for (String k : spec.starKeys()) {
                tags.put(k, s.tag(k));
            }
            curves.add(tags);
        }
        return curves;
    }

    /**
     * {@code /server/api/range}: one or more lines, each the aggregate of the matching series per downsample
     * bucket; {@code *} tags and {@code group_by} keys split a line into one per tag value combination.
     */
    public void range(Context ctx) {
        RangeRequest req = RequestBody.readJson(ctx, maxBodyBytes, RangeRequest.class);
        TimeWindow window = TimeWindow.resolve(req.start(), req.end(), req.last(), req.downSample(),
                limits.maxRangeDays(), limits.maxPoints(), clock);
        Aggregation aggregation = aggregation(req.aggregator());
        if (req.metrics() == null || req.metrics().isEmpty()) {
            throw ApiException.badRequest(ApiCode.METRIC, "metrics is empty; give at least one "
                    + "{\"metric\",\"tags\"}");
        }
        List<Curve> curves = new ArrayList<>();
        for (int i = 0; i < req.metrics().size(); i++) {
            MetricRequest line = req.metrics().get(i);
            if (line == null) {
                throw ApiException.badRequest(ApiCode.METRIC, "metrics[" + i + "] is null");
            }
            String metric = requireMetric(line.metric());
            TagSpec spec = TagSpec.parse(line.tags(), maxTags);
            curves.addAll(lines(metric, spec, line.groupBy(), window, aggregation, 0));
            if (curves.size() > limits.maxSeries()) {
                throw ApiException.badRequest(ApiCode.RANGE_TOO_LARGE, "the query gives more than "
                        + limits.maxSeries() + " lines (query.max_series); narrow its tags or group_by");
            }
        }
        Reply.ok(ctx, curves);
    }

    /**
     * The lines of one metric over {@code window}: one per combination of the {@code *} tags' and
     * {@code groupBy}'s values, or one (possibly without points) when there are none.
     *
     * @param offsetMillis how far in the past to read; answer times are moved forward by it, so a past period
     *                     draws on the window's time axis
     */
    List<Curve> lines(String metric, TagSpec spec, List<String> extraGroupBy, TimeWindow window,
                      Aggregation aggregation, long offsetMillis) {
        Set<String> groupBy = new LinkedHashSet<>(spec.starKeys());
        if (extraGroupBy != null) {
            groupBy.addAll(extraGroupBy);
        }
        Query query = new Query(metric, spec.filters(), window.startMillis() - offsetMillis,
                window.endMillis() - offsetMillis, window.downsampleMillis(), aggregation, List.copyOf(groupBy));
        List<SeriesResult> results = run(() -> store.query(query));
        List<Curve> curves = new ArrayList<>();
        if (results.isEmpty() && groupBy.isEmpty()) {
            curves.add(new Curve(metric, spec.fixed(), List.of())); // the original answers a line without dps
        }
        for (SeriesResult r : results) {
            if (r.points().size() > limits.maxPoints()) {
                throw ApiException.badRequest(ApiCode.RANGE_TOO_LARGE, "a line of " + metric + " has "
                        + r.points().size() + " raw points, more than the " + limits.maxPoints()
                        + " allowed (query.max_points); give a down_sample");
            }
            Map<String, String> tags = new TreeMap<>(spec.fixed());
            tags.putAll(r.tags());
            curves.add(new Curve(r.metric(), tags, r.points().stream()
                    .map(p -> new Dp(Math.floorDiv(p.timestamp() + offsetMillis, 1000), p.value())).toList()));
        }
        return curves;
    }

    /**
     * {@code /server/api/topn}: the values of the one {@code *} tag ranked by the aggregate of all their points in
     * the window (as the original: one value per tag value, not per bucket).
     */
    public void topN(Context ctx) {
        TopNRequest req = RequestBody.readJson(ctx, maxBodyBytes, TopNRequest.class);
        TimeWindow window = TimeWindow.resolve(req.start(), req.end(), req.last(), req.downSample(),
                limits.maxRangeDays(), limits.maxPoints(), clock);
        Aggregation aggregation = aggregation(req.aggregator());
        String order = req.order() == null || req.order().isBlank() ? "desc" : req.order().trim().toLowerCase(java.util.Locale.ROOT);
        if (!order.equals("desc") && !order.equals("asc")) {
            throw ApiException.badRequest(ApiCode.ORDER, "order '" + req.order() + "' is not 'desc' or 'asc'");
        }
        int limit = req.limit() == null ? 10 : req.limit();
        if (limit < 1 || limit > limits.maxSeries()) {
            throw ApiException.badRequest(ApiCode.INVALID_PARAMETER, "limit must be between 1 and "
                    + limits.maxSeries() + ", got " + limit);
        }
        String metric = requireMetric(req.metric());
        TagSpec spec = TagSpec.parse(req.tags(), maxTags);
        Reply.ok(ctx, ranked(metric, spec, window, aggregation, limit, order));
    }

    /** The values of the one {@code *} tag of {@code spec} ranked by their aggregate over the window. */
    List<Replies.TopN> ranked(String metric, TagSpec spec, TimeWindow window, Aggregation aggregation, int limit,
                              String order) {
        if (spec.starKeys().size() != 1) {
            throw ApiException.badRequest(ApiCode.STAR_KEYS, "topn needs exactly one tag whose value is '*' (the "
                    + "tag to rank), got " + spec.starKeys().size());
        }
        String field = spec.starKeys().get(0);
        // a bucket wider than the window's end puts every point of a group into the single bucket 0
        Query query = new Query(metric, spec.filters(), window.startMillis(), window.endMillis(),
                window.endMillis() + 1, aggregation, List.of(field));
        List<Replies.TopN> ranked = new ArrayList<>();
        for (SeriesResult r : run(() -> store.query(query))) {
            if (r.points().isEmpty()) {
                continue;
            }
            Map<String, String> tags = new TreeMap<>(spec.fixed());
            tags.put(field, r.tags().get(field));
            ranked.add(new Replies.TopN(metric, r.tags().get(field), tags, r.points().get(0).value()));
        }
        Comparator<Replies.TopN> byValue = Comparator.comparingDouble(Replies.TopN::value);
        ranked.sort(order.equals("desc") ? byValue.reversed() : byValue);
        return ranked.subList(0, Math.min(limit, ranked.size()));
    }

    static Aggregation aggregation(String name) {
        try {
            return Aggregation.parse(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ApiCode.AGGREGATOR, e.getMessage());
        }
    }

    static String requireMetric(String metric) {
        if (metric == null || metric.isBlank()) {
            throw ApiException.badRequest(ApiCode.METRIC, "metric is empty; name the metric to query");
        }
        return metric;
    }

    /** Runs a store call, turning its refusals into answers: limits → 400 code 9, failures → 500 code 6. */
    private static <T> T run(Supplier<T> call) {
        try {
            return call.get();
        } catch (LimitExceededException e) {
            throw ApiException.badRequest(ApiCode.RANGE_TOO_LARGE, e.getMessage());
        } catch (StoreException e) {
            throw new ApiException(500, ApiCode.STORE_ERROR, "the store failed to answer: " + e.getMessage());
        }
    }
}
