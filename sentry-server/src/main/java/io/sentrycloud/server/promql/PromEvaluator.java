package io.sentrycloud.server.promql;

import io.sentrycloud.tsdb.Aggregation;
import io.sentrycloud.tsdb.DataPoint;
import io.sentrycloud.tsdb.LimitExceededException;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.SeriesResult;
import io.sentrycloud.tsdb.StoreException;
import io.sentrycloud.tsdb.TagFilter;
import io.sentrycloud.tsdb.TimeSeriesStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Evaluates an {@link Expr} over a {@link TimeSeriesStore} at one instant or at every step of a range, with
 * Prometheus' semantics: an instant selector takes each series' latest sample within the 5-minute lookback; range
 * functions see the samples in {@code (t - range, t]}; {@code rate}/{@code increase}/{@code delta} extrapolate as
 * Prometheus does; functions, arithmetic and aggregations drop the metric name. Each selector's samples are read from
 * the store once per query (one store query per metric), then every step is computed in memory.
 *
 * <p>A series' labels are its tags plus {@code __name__}; tag {@code sentryIP} is a label like any other.
 */
public final class PromEvaluator {

    /** Prometheus' default lookback of an instant selector. */
    static final long LOOKBACK_MILLIS = 5 * 60_000;
    static final String NAME = "__name__";

    /** A series read from the store: labels including {@code __name__}, samples in time order. */
    record Series(SortedMap<String, String> labels, long[] times, double[] values) {
    }

    /** One element of an instant vector. */
    record Sample(SortedMap<String, String> labels, double value) {
    }

    /** What an expression gives at one instant: a scalar, or an instant vector. */
    sealed interface Value permits Scalar, Vector {
    }

    record Scalar(double value) implements Value {
    }

    record Vector(List<Sample> samples) implements Value {
    }

    /**
     * The result of a whole query.
     *
     * @param scalar  whether the expression is a scalar (then {@code series} holds one unlabelled series)
     * @param series  labels → the step times (ms) and values, in label order
     */
    public record Result(boolean scalar, List<Line> series) {
    }

    /** One result series: its labels and one value per step it has a value at. */
    public record Line(SortedMap<String, String> labels, List<Long> times, List<Double> values) {
    }

    private final TimeSeriesStore store;
    private final int maxSeries;
    private final int maxNames;
    private final Map<Object, List<Series>> fetched = new HashMap<>();
    private long windowStart;
    private long windowEnd;

    /**
     * @param maxSeries most series one selector may match
     * @param maxNames  most metric names a selector without a fixed name may look through
     */
    public PromEvaluator(TimeSeriesStore store, int maxSeries, int maxNames) {
        this.store = store;
        this.maxSeries = maxSeries;
        this.maxNames = maxNames;
    }

    /** Evaluates at every {@code step} from {@code start} to {@code end} (all epoch ms, inclusive). */
    public Result evaluate(Expr expr, long start, long end, long step) {
        windowStart = start;
        windowEnd = end;
        Map<SortedMap<String, String>, Line> lines = new TreeMap<>(PromEvaluator::compareLabels);
        for (long t = start; t <= end; t += step) {
            Value v = eval(expr, t);
            if (v instanceof Scalar s) {
                add(lines, new TreeMap<>(), t, s.value());
            } else {
                Vector vec = (Vector) v;
                java.util.Set<SortedMap<String, String>> seen = new java.util.HashSet<>();
                for (Sample sample : vec.samples()) {
                    if (!seen.add(sample.labels())) {
                        throw PromQLException.execution("vector cannot contain metrics with the same labelset: "
                                + sample.labels());
                    }
                    add(lines, sample.labels(), t, sample.value());
                }
            }
            if (step <= 0) {
                break;
            }
        }
        return new Result(expr.type() == Expr.ValueType.SCALAR, new ArrayList<>(lines.values()));
    }

    private static void add(Map<SortedMap<String, String>, Line> lines, SortedMap<String, String> labels, long t,
                            double v) {
        Line line = lines.computeIfAbsent(labels, k -> new Line(k, new ArrayList<>(), new ArrayList<>()));
        line.times().add(t);
        line.values().add(v);
    }

    // ------------------------------------------------------------------ evaluation at one instant

    private Value eval(Expr e, long t) {
        if (e instanceof Expr.NumberLiteral n) {
            return new Scalar(n.value());
        }
        if (e instanceof Expr.VectorSelector vs) {
            return instant(vs, t);
        }
        if (e instanceof Expr.Negation neg) {
            Value v = eval(neg.expr(), t);
            if (v instanceof Scalar s) {
                return new Scalar(-s.value());
            }
            return new Vector(((Vector) v).samples().stream()
                    .map(s -> new Sample(withoutName(s.labels()), -s.value())).toList());
        }
        if (e instanceof Expr.Call c) {
            return call(c, t);
        }
        if (e instanceof Expr.Aggregate a) {
            return aggregate(a, t);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, t);
        }
        throw PromQLException.badData("cannot evaluate " + e.getClass().getSimpleName() + " at the top level");
    }

    private Vector instant(Expr.VectorSelector vs, long t) {
        long at = t - vs.offsetMillis();
        List<Sample> out = new ArrayList<>();
        for (Series s : series(vs, LOOKBACK_MILLIS)) {
            int i = lastAtOrBefore(s.times(), at);
            if (i >= 0 && s.times()[i] > at - LOOKBACK_MILLIS) {
                out.add(new Sample(s.labels(), s.values()[i]));
            }
        }
        return new Vector(out);
    }

    private Value call(Expr.Call c, long t) {
        switch (c.function()) {
            case "time":
                return new Scalar(t / 1000.0);
            case "vector":
                return new Vector(List.of(new Sample(new TreeMap<>(), ((Scalar) eval(c.args().get(0), t)).value())));
            case "scalar": {
                List<Sample> v = ((Vector) eval(c.args().get(0), t)).samples();
                return new Scalar(v.size() == 1 ? v.get(0).value() : Double.NaN);
            }
            case "abs":
            case "ceil":
            case "floor": {
                List<Sample> out = new ArrayList<>();
                for (Sample s : ((Vector) eval(c.args().get(0), t)).samples()) {
                    double v = switch (c.function()) {
                        case "abs" -> Math.abs(s.value());
                        case "ceil" -> Math.ceil(s.value());
                        default -> Math.floor(s.value());
                    };
                    out.add(new Sample(withoutName(s.labels()), v));
                }
                return new Vector(out);
            }
            default:
                return rangeFunction(c.function(), (Expr.MatrixSelector) c.args().get(0), t);
        }
    }

    private Vector rangeFunction(String function, Expr.MatrixSelector ms, long t) {
        long end = t - ms.selector().offsetMillis();
        long start = end - ms.rangeMillis();
        List<Sample> out = new ArrayList<>();
        for (Series s : series(ms.selector(), ms.rangeMillis())) {
            int last = lastAtOrBefore(s.times(), end);
            int first = lastAtOrBefore(s.times(), start) + 1; // the first sample after start: (start, end]
            if (last < first) {
                continue;
            }
            Double v = switch (function) {
                case "rate" -> extrapolated(s, first, last, start, end, true, true);
                case "increase" -> extrapolated(s, first, last, start, end, true, false);
                case "delta" -> extrapolated(s, first, last, start, end, false, false);
                case "irate" -> irate(s, first, last);
                default -> overTime(function, s, first, last);
            };
            if (v != null) {
                out.add(new Sample(function.equals("last_over_time") ? s.labels() : withoutName(s.labels()), v));
            }
        }
        return new Vector(out);
    }

    /** Prometheus' {@code extrapolatedRate}: counter resets corrected, extrapolated towards the range's ends. */
    private static Double extrapolated(Series s, int first, int last, long rangeStart, long rangeEnd,
                                       boolean counter, boolean rate) {
        if (last - first < 1) {
            return null; // needs two samples
        }
        double[] v = s.values();
        double result = v[last] - v[first];
        if (counter) {
            double prev = v[first];
            for (int i = first + 1; i <= last; i++) {
                if (v[i] < prev) {
                    result += prev;
                }
                prev = v[i];
            }
        }
        double firstT = s.times()[first] / 1000.0;
        double lastT = s.times()[last] / 1000.0;
        double durationToStart = firstT - rangeStart / 1000.0;
        double durationToEnd = rangeEnd / 1000.0 - lastT;
        double sampled = lastT - firstT;
        double averageBetween = sampled / (last - first);
        double threshold = averageBetween * 1.1;
        if (durationToStart >= threshold) {
            durationToStart = averageBetween / 2;
        }
        if (counter && result > 0 && v[first] >= 0) {
            double durationToZero = sampled * (v[first] / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        if (durationToEnd >= threshold) {
            durationToEnd = averageBetween / 2;
        }
        double factor = (sampled + durationToStart + durationToEnd) / sampled;
        if (rate) {
            factor /= (rangeEnd - rangeStart) / 1000.0;
        }
        return result * factor;
    }

    private static Double irate(Series s, int first, int last) {
        if (last - first < 1) {
            return null;
        }
        double prev = s.values()[last - 1];
        double now = s.values()[last];
        double increase = now < prev ? now : now - prev; // a counter reset: the new value is the increase
        double seconds = (s.times()[last] - s.times()[last - 1]) / 1000.0;
        return seconds == 0 ? null : increase / seconds;
    }

    private static Double overTime(String function, Series s, int first, int last) {
        double[] v = s.values();
        switch (function) {
            case "count_over_time":
                return (double) (last - first + 1);
            case "last_over_time":
                return v[last];
            default:
                break;
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = first; i <= last; i++) {
            sum += v[i];
            min = Math.min(min, v[i]);
            max = Math.max(max, v[i]);
        }
        return switch (function) {
            case "sum_over_time" -> sum;
            case "avg_over_time" -> sum / (last - first + 1);
            case "min_over_time" -> min;
            default -> max;
        };
    }

    private Value aggregate(Expr.Aggregate a, long t) {
        List<Sample> in = ((Vector) eval(a.expr(), t)).samples();
        Map<SortedMap<String, String>, List<Sample>> groups = new LinkedHashMap<>();
        for (Sample s : in) {
            groups.computeIfAbsent(groupLabels(s.labels(), a.without(), a.grouping()), k -> new ArrayList<>()).add(s);
        }
        List<Sample> out = new ArrayList<>();
        if (a.op().equals("topk") || a.op().equals("bottomk")) {
            double k = ((Scalar) eval(a.param(), t)).value();
            if (Double.isNaN(k) || k < 1) {
                return new Vector(List.of());
            }
            Comparator<Sample> byValue = Comparator.comparingDouble(Sample::value);
            Comparator<Sample> order = a.op().equals("topk") ? byValue.reversed() : byValue;
            for (List<Sample> group : groups.values()) {
                group.stream().sorted(order).limit((long) Math.min(k, Integer.MAX_VALUE)).forEach(out::add);
            }
            return new Vector(out);
        }
        for (var g : groups.entrySet()) {
            List<Sample> group = g.getValue();
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Sample s : group) {
                sum += s.value();
                min = Math.min(min, s.value());
                max = Math.max(max, s.value());
            }
            double v = switch (a.op()) {
                case "sum" -> sum;
                case "avg" -> sum / group.size();
                case "min" -> min;
                case "max" -> max;
                default -> group.size();
            };
            out.add(new Sample(g.getKey(), v));
        }
        return new Vector(out);
    }

    private static SortedMap<String, String> groupLabels(SortedMap<String, String> labels, boolean without,
                                                         List<String> grouping) {
        TreeMap<String, String> g = new TreeMap<>();
        if (without) {
            g.putAll(labels);
            g.remove(NAME);
            grouping.forEach(g::remove);
        } else {
            for (String l : grouping) {
                String v = labels.get(l);
                if (v != null) {
                    g.put(l, v);
                }
            }
        }
        return g;
    }

    private Value binary(Expr.Binary b, long t) {
        Value lhs = eval(b.lhs(), t);
        Value rhs = eval(b.rhs(), t);
        boolean comparison = b.comparison();
        if (lhs instanceof Scalar l && rhs instanceof Scalar r) {
            return new Scalar(apply(b.op(), l.value(), r.value()));
        }
        if (lhs instanceof Vector l && rhs instanceof Scalar r) {
            return scalarSide(b, l, r.value(), false);
        }
        if (lhs instanceof Scalar l && rhs instanceof Vector r) {
            return scalarSide(b, r, l.value(), true);
        }
        Vector l = (Vector) lhs;
        Vector r = (Vector) rhs;
        Map<SortedMap<String, String>, Sample> right = new HashMap<>();
        for (Sample s : r.samples()) {
            if (right.put(signature(b, s.labels()), s) != null) {
                throw PromQLException.execution("found duplicate series for the match group "
                        + signature(b, s.labels()) + " on the right hand-side of the operation; many-to-many "
                        + "matching is not supported");
            }
        }
        Set<SortedMap<String, String>> matchedLeft = new java.util.HashSet<>();
        List<Sample> out = new ArrayList<>();
        for (Sample s : l.samples()) {
            SortedMap<String, String> sig = signature(b, s.labels());
            Sample other = right.get(sig);
            if (other == null) {
                continue;
            }
            if (!matchedLeft.add(sig)) {
                throw PromQLException.execution("multiple matches for labels " + sig + " on the left hand-side; "
                        + "many-to-one matching (group_left) is not supported");
            }
            double v = apply(b.op(), s.value(), other.value());
            SortedMap<String, String> labels = resultLabels(b, s.labels());
            if (comparison && !b.bool()) {
                if (v == 1) {
                    out.add(new Sample(labels, s.value()));
                }
            } else {
                out.add(new Sample(labels, v));
            }
        }
        return new Vector(out);
    }

    private static Vector scalarSide(Expr.Binary b, Vector vector, double scalar, boolean scalarLeft) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : vector.samples()) {
            double v = scalarLeft ? apply(b.op(), scalar, s.value()) : apply(b.op(), s.value(), scalar);
            if (b.comparison() && !b.bool()) {
                if (v == 1) {
                    out.add(s); // a filter keeps the sample as it was, name included
                }
            } else {
                out.add(new Sample(withoutName(s.labels()), v));
            }
        }
        return new Vector(out);
    }

    private static SortedMap<String, String> signature(Expr.Binary b, SortedMap<String, String> labels) {
        TreeMap<String, String> sig = new TreeMap<>();
        if (Boolean.TRUE.equals(b.on())) {
            for (String l : b.labels()) {
                if (labels.containsKey(l)) {
                    sig.put(l, labels.get(l));
                }
            }
            return sig;
        }
        sig.putAll(labels);
        sig.remove(NAME);
        if (Boolean.FALSE.equals(b.on())) {
            b.labels().forEach(sig::remove);
        }
        return sig;
    }

    private static SortedMap<String, String> resultLabels(Expr.Binary b, SortedMap<String, String> lhs) {
        TreeMap<String, String> labels = new TreeMap<>(lhs);
        if (!b.comparison() || b.bool()) {
            labels.remove(NAME);
        }
        if (Boolean.TRUE.equals(b.on())) {
            labels.keySet().retainAll(b.labels());
        } else if (Boolean.FALSE.equals(b.on())) {
            b.labels().forEach(labels::remove);
        }
        return labels;
    }

    /** An arithmetic result, or for comparisons 1 (true) / 0 (false). */
    private static double apply(String op, double l, double r) {
        return switch (op) {
            case "+" -> l + r;
            case "-" -> l - r;
            case "*" -> l * r;
            case "/" -> l / r;
            case "%" -> l % r;
            case "^" -> Math.pow(l, r);
            case "==" -> l == r ? 1 : 0;
            case "!=" -> l != r ? 1 : 0;
            case ">" -> l > r ? 1 : 0;
            case "<" -> l < r ? 1 : 0;
            case ">=" -> l >= r ? 1 : 0;
            default -> l <= r ? 1 : 0;
        };
    }

    private static SortedMap<String, String> withoutName(SortedMap<String, String> labels) {
        if (!labels.containsKey(NAME)) {
            return labels;
        }
        TreeMap<String, String> copy = new TreeMap<>(labels);
        copy.remove(NAME);
        return copy;
    }

    // ------------------------------------------------------------------ reading the store

    /** The series of a selector with their samples over the whole query window widened by {@code before}. */
    private List<Series> series(Expr.VectorSelector vs, long before) {
        return fetched.computeIfAbsent(List.of(vs, before), k -> read(vs,
                windowStart - vs.offsetMillis() - before, windowEnd - vs.offsetMillis()));
    }

    private List<Series> read(Expr.VectorSelector vs, long from, long to) {
        List<Series> out = new ArrayList<>();
        for (String metric : metricNames(vs)) {
            List<String> keys = run(() -> store.tagKeys(metric));
            Query q = new Query(metric, pushDown(vs.matchers()), Math.max(0, from), Math.max(0, to), 0,
                    Aggregation.LAST, keys);
            for (SeriesResult r : run(() -> store.query(q))) {
                TreeMap<String, String> labels = new TreeMap<>(r.tags());
                labels.put(NAME, metric);
                if (!matches(vs.matchers(), labels)) {
                    continue;
                }
                List<DataPoint> points = r.points();
                long[] times = new long[points.size()];
                double[] values = new double[points.size()];
                for (int i = 0; i < times.length; i++) {
                    times[i] = points.get(i).timestamp();
                    values[i] = points.get(i).value();
                }
                out.add(new Series(labels, times, values));
                if (out.size() > maxSeries) {
                    throw PromQLException.execution("the selector " + describe(vs) + " matches more than "
                            + maxSeries + " series (query.max_series); narrow it");
                }
            }
        }
        return out;
    }

    /** The metric names a selector can match: its name, or those its {@code __name__} matchers accept. */
    List<String> metricNames(Expr.VectorSelector vs) {
        if (vs.name() != null) {
            return List.of(vs.name());
        }
        List<Expr.Matcher> nameMatchers = vs.matchers().stream().filter(m -> m.name().equals(NAME)).toList();
        for (Expr.Matcher m : nameMatchers) {
            if (m.op().equals("=")) {
                return m.value().isEmpty() ? List.of() : List.of(m.value());
            }
        }
        List<String> all = run(() -> store.metrics("", maxNames));
        return all.stream().filter(n -> nameMatchers.stream().allMatch(m -> m.matches(n))).toList();
    }

    /** The series (labels only) a selector matches, for the metadata endpoints. */
    List<SortedMap<String, String>> seriesLabels(Expr.VectorSelector vs) {
        List<SortedMap<String, String>> out = new ArrayList<>();
        for (String metric : metricNames(vs)) {
            for (var key : run(() -> store.series(metric, pushDown(vs.matchers()), maxSeries))) {
                TreeMap<String, String> labels = new TreeMap<>(key.tags());
                labels.put(NAME, metric);
                if (matches(vs.matchers(), labels)) {
                    out.add(labels);
                    if (out.size() > maxSeries) {
                        throw PromQLException.execution("the selector " + describe(vs) + " matches more than "
                                + maxSeries + " series (query.max_series); narrow it");
                    }
                }
            }
        }
        return out;
    }

    /**
     * The matchers the store's index can apply exactly: equality to a non-empty value, inequality, and regexes
     * that cannot match the empty string. The rest (which must also accept series lacking the label) are applied
     * after reading.
     */
    private static List<TagFilter> pushDown(List<Expr.Matcher> matchers) {
        List<TagFilter> filters = new ArrayList<>();
        for (Expr.Matcher m : matchers) {
            if (m.name().equals(NAME) || m.matches("")) {
                continue;
            }
            switch (m.op()) {
                case "=" -> filters.add(TagFilter.exact(m.name(), m.value()));
                case "!=" -> filters.add(TagFilter.notEqual(m.name(), List.of(m.value())));
                case "=~" -> filters.add(new TagFilter(m.name(), TagFilter.Kind.REGEX, List.of(m.value()),
                        m.pattern()));
                default -> {
                    // !~ that rejects "": only series having the label can pass; checked after reading
                }
            }
        }
        return filters;
    }

    private static boolean matches(List<Expr.Matcher> matchers, Map<String, String> labels) {
        for (Expr.Matcher m : matchers) {
            if (!m.matches(labels.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Expr.VectorSelector vs) {
        StringBuilder b = new StringBuilder(vs.name() == null ? "" : vs.name()).append('{');
        for (int i = 0; i < vs.matchers().size(); i++) {
            Expr.Matcher m = vs.matchers().get(i);
            b.append(i == 0 ? "" : ",").append(m.name()).append(m.op()).append('"').append(m.value()).append('"');
        }
        return b.append('}').toString();
    }

    private static int lastAtOrBefore(long[] times, long t) {
        int lo = 0;
        int hi = times.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    static int compareLabels(SortedMap<String, String> a, SortedMap<String, String> b) {
        var x = a.entrySet().iterator();
        var y = b.entrySet().iterator();
        while (x.hasNext() && y.hasNext()) {
            var p = x.next();
            var q = y.next();
            int c = p.getKey().compareTo(q.getKey());
            if (c == 0) {
                c = p.getValue().compareTo(q.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(x.hasNext(), y.hasNext());
    }

    private static <T> T run(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (LimitExceededException e) {
            throw PromQLException.execution(e.getMessage());
        } catch (StoreException e) {
            throw PromQLException.execution("the store failed to answer: " + e.getMessage());
        }
    }
}
