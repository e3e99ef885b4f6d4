package io.sentrycloud.server.promql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.sentrycloud.server.config.QueryConfig;
import io.sentrycloud.server.http.Api;
import io.sentrycloud.server.http.ApiJson;
import io.sentrycloud.tsdb.TimeSeriesStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The Prometheus HTTP API subset Grafana's Prometheus data source uses: {@code /api/v1/query},
 * {@code /api/v1/query_range}, {@code /api/v1/labels}, {@code /api/v1/label/<name>/values} and
 * {@code /api/v1/series}, GET or POST (form), answered in Prometheus' JSON shapes ({@code status}, {@code data},
 * {@code resultType}, {@code result}; errors {@code errorType} and {@code error}). Series have no time extent in
 * sentry's index, so the metadata endpoints ignore {@code start}/{@code end}.
 */
public final class PromRoutes {

    /** Times as plain numbers ({@code 1700000000.5}), as Prometheus writes them, never {@code 1.7E9}. */
    private static final ObjectWriter JSON = ApiJson.MAPPER.writer()
            .with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** Prometheus' limit on the points of one result series of a range query. */
    static final int MAX_STEPS = 11_000;

    private final TimeSeriesStore store;
    private final QueryConfig limits;
    private final Clock clock;

    private PromRoutes(TimeSeriesStore store, QueryConfig limits, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    /** Adds the five read routes to {@code app}, GET and POST; {@code timed} wraps each for self-monitoring. */
    public static void register(Javalin app, TimeSeriesStore store, QueryConfig limits, Clock clock,
                                BiFunction<Api, Handler, Handler> timed) {
        PromRoutes r = new PromRoutes(store, limits, clock);
        Map<Api, Handler> routes = new EnumMap<>(Api.class);
        routes.put(Api.PROM_QUERY, r::query);
        routes.put(Api.PROM_QUERY_RANGE, r::queryRange);
        routes.put(Api.PROM_LABELS, r::labels);
        routes.put(Api.PROM_LABEL_VALUES, r::labelValues);
        routes.put(Api.PROM_SERIES, r::series);
        routes.forEach((api, handler) -> {
            Handler h = timed.apply(api, ctx -> r.guarded(ctx, handler));
            app.get(api.path(), h);
            app.post(api.path(), h);
        });
    }

    private void guarded(Context ctx, Handler handler) throws Exception {
        try {
            handler.handle(ctx);
        } catch (PromQLException e) {
            error(ctx, e.status(), e.errorType(), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ handlers

    void query(Context ctx) {
        Expr expr = PromParser.parse(require(ctx, "query"));
        long t = param(ctx, "time") == null ? clock.millis() : time(param(ctx, "time"), "time");
        PromEvaluator.Result r = evaluator().evaluate(expr, t, t, 0);
        Map<String, Object> data = new LinkedHashMap<>();
        if (r.scalar()) {
            data.put("resultType", "scalar");
            data.put("result", r.series().isEmpty() ? List.of(seconds(t), "NaN")
                    : List.of(seconds(t), format(r.series().get(0).values().get(0))));
        } else {
            data.put("resultType", "vector");
            List<Object> result = new ArrayList<>();
            for (PromEvaluator.Line line : r.series()) {
                result.add(Map.of("metric", line.labels(), "value", List.of(seconds(t),
                        format(line.values().get(0)))));
            }
            data.put("result", result);
        }
        success(ctx, data);
    }

    void queryRange(Context ctx) {
        Expr expr = PromParser.parse(require(ctx, "query"));
        long start = time(require(ctx, "start"), "start");
        long end = time(require(ctx, "end"), "end");
        long step = step(require(ctx, "step"));
        if (end < start) {
            throw PromQLException.badData("invalid parameter \"end\": end timestamp must not be before start time");
        }
        if ((end - start) / step + 1 > MAX_STEPS) {
            throw PromQLException.badData("exceeded maximum resolution of " + MAX_STEPS + " points per timeseries."
                    + " Try decreasing the query resolution (?step=XX)");
        }
        if (end - start > limits.maxRangeDays() * 86_400_000L) {
            throw PromQLException.badData("the range is longer than the " + limits.maxRangeDays()
                    + " days allowed (query.max_range_days)");
        }
        PromEvaluator.Result r = evaluator().evaluate(expr, start, end, step);
        List<Object> result = new ArrayList<>();
        for (PromEvaluator.Line line : r.series()) {
            List<Object> values = new ArrayList<>(line.times().size());
            for (int i = 0; i < line.times().size(); i++) {
                values.add(List.of(seconds(line.times().get(i)), format(line.values().get(i))));
            }
            result.add(Map.of("metric", line.labels(), "values", values));
        }
        success(ctx, Map.of("resultType", "matrix", "result", result));
    }

    void labels(Context ctx) {
        TreeSet<String> names = new TreeSet<>();
        List<String> match = matchParams(ctx);
        if (match.isEmpty()) {
            List<String> metrics = store.metrics("", limits.maxNames());
            if (!metrics.isEmpty()) {
                names.add(PromEvaluator.NAME);
            }
            for (String m : metrics) {
                names.addAll(store.tagKeys(m));
            }
        } else {
            for (SortedMap<String, String> labels : matchedSeries(match)) {
                names.addAll(labels.keySet());
            }
        }
        success(ctx, new ArrayList<>(names));
    }

    void labelValues(Context ctx) {
        String name = ctx.pathParam("name");
        TreeSet<String> values = new TreeSet<>();
        List<String> match = matchParams(ctx);
        if (!match.isEmpty()) {
            for (SortedMap<String, String> labels : matchedSeries(match)) {
                if (labels.containsKey(name)) {
                    values.add(labels.get(name));
                }
            }
        } else if (name.equals(PromEvaluator.NAME)) {
            values.addAll(store.metrics("", limits.maxNames()));
        } else {
            for (String m : store.metrics("", limits.maxNames())) {
                if (store.tagKeys(m).contains(name)) {
                    values.addAll(store.tagValues(m, name, List.of(), "", limits.maxNames()));
                }
                if (values.size() > limits.maxNames()) {
                    throw PromQLException.execution("label " + name + " has more than " + limits.maxNames()
                            + " values (query.max_names); give match[] to narrow it");
                }
            }
        }
        success(ctx, new ArrayList<>(values));
    }

    void series(Context ctx) {
        List<String> match = matchParams(ctx);
        if (match.isEmpty()) {
            throw PromQLException.badData("no match[] parameter provided");
        }
        success(ctx, matchedSeries(match));
    }

    private List<SortedMap<String, String>> matchedSeries(List<String> match) {
        PromEvaluator evaluator = evaluator();
        java.util.Set<SortedMap<String, String>> out = new java.util.TreeSet<>(PromEvaluator::compareLabels);
        for (String selector : match) {
            out.addAll(evaluator.seriesLabels(PromParser.parseSelector(selector)));
            if (out.size() > limits.maxSeries()) {
                throw PromQLException.execution("match[] selects more than " + limits.maxSeries()
                        + " series (query.max_series); narrow it");
            }
        }
        return new ArrayList<>(out);
    }

    private PromEvaluator evaluator() {
        return new PromEvaluator(store, limits.maxSeries(), limits.maxNames());
    }

    // ------------------------------------------------------------------ parameters and answers

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null && ctx.method() == io.javalin.http.HandlerType.POST) {
            v = ctx.formParam(name);
        }
        return v == null || v.isEmpty() ? null : v;
    }

    private static String require(Context ctx, String name) {
        String v = param(ctx, name);
        if (v == null) {
            throw PromQLException.badData("invalid parameter \"" + name + "\": it is missing");
        }
        return v;
    }

    private static List<String> matchParams(Context ctx) {
        List<String> all = new ArrayList<>(ctx.queryParams("match[]"));
        if (ctx.method() == io.javalin.http.HandlerType.POST) {
            all.addAll(ctx.formParams("match[]"));
        }
        return all;
    }

    /** A time parameter: Unix seconds (fractions allowed) or RFC 3339; epoch milliseconds back. */
    static long time(String text, String name) {
        try {
            double seconds = Double.parseDouble(text);
            if (Double.isFinite(seconds) && Math.abs(seconds) < 1e13) {
                return Math.round(seconds * 1000);
            }
        } catch (NumberFormatException notANumber) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException notAnInstant) {
                // fall through to the error
            }
        }
        throw PromQLException.badData("invalid parameter \"" + name + "\": cannot parse \"" + text
                + "\" to a valid timestamp");
    }

    /** A step: seconds (fractions allowed) or a duration such as {@code 15s}; milliseconds back. */
    static long step(String text) {
        long millis;
        try {
            double seconds = Double.parseDouble(text);
            millis = Double.isFinite(seconds) ? Math.round(seconds * 1000) : 0;
        } catch (NumberFormatException e) {
            millis = PromParser.duration(text);
        }
        if (millis <= 0) {
            throw PromQLException.badData("invalid parameter \"step\": zero or negative query resolution step "
                    + "widths are not accepted. Try a positive integer");
        }
        return millis;
    }

    /** Unix seconds as Prometheus writes them: a number with up to millisecond fractions. */
    private static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros();
    }

    /** A sample value as Prometheus writes it: shortest decimal, {@code NaN}, {@code +Inf}, {@code -Inf}. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        return s.contains("E") ? BigDecimal.valueOf(v).toPlainString() : s;
    }

    private static void success(Context ctx, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("data", data);
        json(ctx, 200, body);
    }

    private static void error(Context ctx, int status, String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("errorType", type);
        body.put("error", message);
        json(ctx, status, body);
    }

    private static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the answer", e);
        }
    }
}
