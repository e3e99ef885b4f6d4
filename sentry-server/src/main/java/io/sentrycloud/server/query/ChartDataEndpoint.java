package io.sentrycloud.server.query;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.sentrycloud.server.config.QueryConfig;
import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.http.Reply;
import io.sentrycloud.server.http.RequestBody;
import io.sentrycloud.server.query.Replies.Curve;
import io.sentrycloud.server.query.Replies.Dp;
import io.sentrycloud.tsdb.Aggregation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /server/api/chartData}: a chart row ({@code id, type, aggregation, down_sample, topn_limit}) plus
 * {@code start}, {@code end} and a dashboard {@code filter}, answered as the original's handler answers: for a
 * {@code topN} chart the TopN entries of its one line; otherwise every line's curves ({@code *} tags expanded to at
 * most 100 curves per line), each {@code {"metric","tags","dps","name"}}, a line with an {@code offset} read that
 * many seconds earlier and drawn on the same time axis. The {@code filter} replaces a line's tag values for the tag
 * keys its metric has. A chart's lines come from the metadata database by {@code id}, or from the request's own
 * {@code lines} (an extension: chart previews before saving). As in the original, a line that fails is left out.
 */
public final class ChartDataEndpoint {

    /** The original's cap on the curves one line expands to. */
    static final int MAX_CURVES_PER_LINE = 100;

    private final QueryEndpoints query;
    private final ChartLines charts;
    private final QueryConfig limits;
    private final int maxTags;
    private final long maxBodyBytes;
    private final Clock clock;

    public ChartDataEndpoint(QueryEndpoints query, ChartLines charts, QueryConfig limits, int maxTags,
                             long maxBodyBytes, Clock clock) {
        this.query = query;
        this.charts = charts;
        this.limits = limits;
        this.maxTags = maxTags;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    /** The request: the original's chart row fields plus the window and filter; other chart fields are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChartDataRequest(Long id, String type, String aggregation,
                            @JsonProperty("down_sample") JsonNode downSample,
                            @JsonProperty("topn_limit") Integer topnLimit, Long start, Long end, Long last,
                            Map<String, String> filter, List<RequestLine> lines) {
    }

    /** A line carried in the request. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RequestLine(String name, String metric, Map<String, String> tags, Long offset) {
    }

    /** One drawn curve: a range line plus its legend name. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ChartCurve(String metric, Map<String, String> tags, List<Dp> dps, String name) {
    }

    public void handle(Context ctx) {
        ChartDataRequest req = RequestBody.readJson(ctx, maxBodyBytes, ChartDataRequest.class);
        JsonNode downSample = req.downSample() == null || req.downSample().isNull() ? null : req.downSample();
        if (downSample == null || (downSample.isTextual() && downSample.asText().isBlank())
                || (downSample.isNumber() && downSample.asLong() == 0)) {
            throw ApiException.badRequest(ApiCode.DOWN_SAMPLE, "down_sample is missing; a chart needs one such as "
                    + "\"10s\" or \"1m\"");
        }
        TimeWindow window = TimeWindow.resolve(req.start(), req.end(), req.last(), downSample,
                limits.maxRangeDays(), limits.maxPoints(), clock);
        Aggregation aggregation = QueryEndpoints.aggregation(req.aggregation());
        List<ChartLines.Line> lines = lines(req);
        Map<String, String> filter = req.filter() == null ? Map.of() : req.filter();

        if ("topN".equalsIgnoreCase(req.type())) {
            if (lines.size() != 1) {
                throw ApiException.badRequest(ApiCode.INVALID_PARAMETER, "a topN chart has exactly one line, this one"
                        + " has " + lines.size());
            }
            ChartLines.Line line = lines.get(0);
            int limit = req.topnLimit() == null || req.topnLimit() <= 0 ? 10 : req.topnLimit();
            TagSpec spec = TagSpec.parse(filtered(line, filter), maxTags);
            Reply.ok(ctx, query.ranked(QueryEndpoints.requireMetric(line.metric()), spec, window, aggregation,
                    Math.min(limit, limits.maxSeries()), "desc"));
            return;
        }
        List<ChartCurve> out = new ArrayList<>();
        for (ChartLines.Line line : lines) {
            try {
                out.addAll(curves(line, filter, window, aggregation));
            } catch (ApiException e) {
                // the original leaves out a line that fails and answers the others
            }
            if (out.size() > limits.maxSeries()) {
                throw ApiException.badRequest(ApiCode.RANGE_TOO_LARGE, "the chart gives more than "
                        + limits.maxSeries() + " curves (query.max_series); narrow its lines' tags");
            }
        }
        Reply.ok(ctx, out);
    }

    private List<ChartCurve> curves(ChartLines.Line line, Map<String, String> filter, TimeWindow window,
                                    Aggregation aggregation) {
        String metric = QueryEndpoints.requireMetric(line.metric());
        Map<String, String> tags = filtered(line, filter);
        TagSpec spec = TagSpec.parse(tags, maxTags);
        List<Map<String, String>> expanded = spec.starKeys().isEmpty() ? List.of(spec.fixed())
                : new ArrayList<>(query.expand(metric, spec));
        if (expanded.size() > MAX_CURVES_PER_LINE) {
            expanded = expanded.subList(0, MAX_CURVES_PER_LINE);
        }
        List<ChartCurve> out = new ArrayList<>();
        for (Map<String, String> curveTags : expanded) {
            TagSpec curveSpec = TagSpec.parse(curveTags, maxTags);
            for (Curve c : query.lines(metric, curveSpec, List.of(), window, aggregation, line.offset() * 1000)) {
                out.add(new ChartCurve(c.metric(), curveTags, c.dps(), name(line, expanded.size(), spec.starKeys(),
                        curveTags)));
            }
        }
        return out;
    }

    /** The original's {@code getLineName}: the line's name, or the {@code *} tags' values joined by "-". */
    private static String name(ChartLines.Line line, int curves, List<String> starKeys, Map<String, String> curve) {
        if (curves <= 1) {
            return line.name();
        }
        List<String> parts = new ArrayList<>();
        for (String k : starKeys) {
            parts.add(curve.get(k));
        }
        return String.join("-", parts);
    }

    /** The original's {@code filterTags}: the filter's values replace the line's for tag keys its metric has. */
    private Map<String, String> filtered(ChartLines.Line line, Map<String, String> filter) {
        Map<String, String> tags = new LinkedHashMap<>(line.tags() == null ? Map.of() : line.tags());
        if (filter.isEmpty()) {
            return tags;
        }
        Set<String> keys = Set.copyOf(query.tagKeysOf(QueryEndpoints.requireMetric(line.metric())));
        filter.forEach((k, v) -> {
            if (keys.contains(k)) {
                tags.put(k, v);
            }
        });
        return tags;
    }

    private List<ChartLines.Line> lines(ChartDataRequest req) {
        if (req.lines() != null && !req.lines().isEmpty()) {
            return req.lines().stream().map(l -> new ChartLines.Line(l.name() == null ? "" : l.name(), l.metric(),
                    l.tags() == null ? Map.of() : l.tags(), l.offset() == null ? 0 : l.offset())).toList();
        }
        if (req.id() == null || req.id() <= 0) {
            throw ApiException.badRequest(ApiCode.INVALID_PARAMETER, "give the chart's id (or its lines)");
        }
        return charts.of(req.id()).orElseThrow(() -> ApiException.badRequest(ApiCode.INVALID_PARAMETER,
                "there is no chart with id " + req.id()));
    }
}
