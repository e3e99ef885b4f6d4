package io.sentrycloud.alarm.eval;

import io.sentrycloud.alarm.eval.Evaluation.Absent;
import io.sentrycloud.alarm.eval.Observation.Kind;
import io.sentrycloud.alarm.rule.AlarmRule;
import io.sentrycloud.alarm.rule.CompareRule;
import io.sentrycloud.alarm.rule.DataSource;
import io.sentrycloud.alarm.rule.HeartbeatRule;
import io.sentrycloud.alarm.rule.ThresholdRule;
import io.sentrycloud.alarm.rule.TopNRule;
import io.sentrycloud.alarm.rule.Trigger;
import io.sentrycloud.tsdb.DataPoint;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.SeriesResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates rules against the series a {@link SeriesQuery} answers. Thread-safe (it holds no state of its own).
 */
public final class Evaluator {

    private final SeriesQuery store;
    private final long seedLookbackSeconds;

    /**
     * @param store               where the series are
     * @param seedLookbackSeconds how far back a heartbeat rule with {@code *} looks, at its first evaluation, for
     *                            series that reported before the window (so an agent already gone when the rule
     *                            is created still fires)
     */
    public Evaluator(SeriesQuery store, long seedLookbackSeconds) {
        this.store = store;
        this.seedLookbackSeconds = seedLookbackSeconds;
    }

    /**
     * Evaluates a rule over the window of {@code query_range} seconds ending at {@code windowEnd}.
     *
     * @param windowEnd  epoch seconds, inclusive
     * @param firstRun   whether the rule has no remembered series yet (heartbeat rules then look back further)
     * @throws RuntimeException when the store refuses or fails the query (a "query error" state)
     */
    public Evaluation evaluate(AlarmRule rule, long windowEnd, boolean firstRun) {
        long start = windowEnd - rule.meta().windowSeconds();
        if (rule instanceof HeartbeatRule r) {
            return heartbeat(r, start, windowEnd, firstRun);
        } else if (rule instanceof ThresholdRule r) {
            return threshold(r, start, windowEnd);
        } else if (rule instanceof CompareRule r) {
            return compare(r, start, windowEnd);
        }
        return topN((TopNRule) rule, start, windowEnd);
    }

    private Evaluation heartbeat(HeartbeatRule rule, long start, long end, boolean firstRun) {
        DataSource ds = rule.source();
        List<Observation> out = new ArrayList<>();
        Map<Map<String, String>, SeriesResult> present = byTags(ds, query(ds, start, end));
        if (!ds.tags().expands()) {
            SeriesResult r = present.get(ds.tags().fixed());
            out.add(r == null
                    ? Observation.of(ds.tags().fixed(), Kind.BREACH, 0, start, "no point in the last "
                    + rule.meta().windowSeconds() + " s")
                    : lastValue(ds.tags().fixed(), r));
            return new Evaluation(rule, start, end, out, Absent.BREACH, List.of());
        }
        present.forEach((tags, r) -> out.add(lastValue(tags, r)));
        if (firstRun && seedLookbackSeconds > rule.meta().windowSeconds()) {
            for (var e : byTags(ds, query(ds, end - seedLookbackSeconds, start - 1)).entrySet()) {
                if (!present.containsKey(e.getKey())) {
                    List<DataPoint> pts = e.getValue().points();
                    out.add(Observation.of(e.getKey(), Kind.BREACH, pts.get(pts.size() - 1).value(), start,
                            "no point in the last " + rule.meta().windowSeconds() + " s"));
                }
            }
        }
        return new Evaluation(rule, start, end, out, Absent.BREACH, List.of());
    }

    private Evaluation threshold(ThresholdRule rule, long start, long end) {
        DataSource ds = rule.source();
        Trigger t = rule.trigger();
        List<Observation> out = new ArrayList<>();
        Map<Map<String, String>, SeriesResult> results = byTags(ds, query(ds, start, end));
        results.forEach((tags, r) -> {
            int count = 0;
            DataPoint last = null;
            for (DataPoint p : r.points()) {
                if (t.breached(p.value())) {
                    count++;
                    last = p;
                }
            }
            if (count >= t.errorCount()) {
                out.add(Observation.of(tags, Kind.BREACH, last.value(), seconds(last.timestamp()),
                        count + " of " + r.points().size() + " values past the bounds"));
            } else {
                out.add(lastValue(tags, r));
            }
        });
        noDataWhenFixed(ds, start, results, out, "no point in the window");
        return new Evaluation(rule, start, end, out, Absent.NO_DATA, List.of());
    }

    private Evaluation compare(CompareRule rule, long start, long end) {
        DataSource ds = rule.source();
        Trigger t = rule.trigger();
        long shift = rule.shiftSeconds();
        Map<Map<String, String>, SeriesResult> current = byTags(ds, query(ds, start, end));
        Map<Map<String, String>, SeriesResult> past = byTags(ds, query(ds, start - shift, end - shift));
        List<Observation> out = new ArrayList<>();
        current.forEach((tags, r) -> {
            SeriesResult h = past.get(tags);
            if (h == null || h.points().isEmpty()) {
                out.add(Observation.of(tags, Kind.NO_DATA, last(r).value(), seconds(last(r).timestamp()),
                        "no history " + describeShift(rule)));
                return;
            }
            double history = h.points().stream().mapToDouble(DataPoint::value).average().orElseThrow();
            int count = 0;
            DataPoint hit = null;
            double hitCompare = Double.NaN;
            double lastCompare = Double.NaN;
            for (DataPoint p : r.points()) {
                double c = rule.ratio() ? p.value() / history : p.value() - history;
                lastCompare = c;
                if (!Double.isNaN(c) && t.breached(c)) {
                    count++;
                    hit = p;
                    hitCompare = c;
                }
            }
            if (count >= t.errorCount()) {
                out.add(new Observation(new TreeMap<>(tags), Kind.BREACH, hit.value(), seconds(hit.timestamp()),
                        history, hitCompare, count + " of " + r.points().size() + " compared values past the bounds"));
            } else {
                DataPoint p = last(r);
                out.add(new Observation(new TreeMap<>(tags), Kind.OK, p.value(), seconds(p.timestamp()), history,
                        lastCompare, "within the bounds"));
            }
        });
        noDataWhenFixed(ds, start, current, out, "no point in the window");
        return new Evaluation(rule, start, end, out, Absent.NO_DATA, List.of());
    }

    private Evaluation topN(TopNRule rule, long start, long end) {
        DataSource ds = rule.source();
        Query q = new Query(ds.metric(), ds.tags().filters(), start * 1000, end * 1000,
                ds.downsampleSeconds() * 1000, ds.aggregation(), List.of(rule.rankTag()));
        List<Observation> top = new ArrayList<>();
        for (SeriesResult r : store.topN(q, rule.rankTag(), rule.descending(), rule.limit())) {
            Map<String, String> tags = new TreeMap<>(ds.tags().fixed());
            tags.putAll(r.tags());
            double v = r.points().get(0).value();
            top.add(new Observation(new TreeMap<>(tags), rule.trigger().breached(v) ? Kind.BREACH : Kind.OK, v, start,
                    Double.NaN, Double.NaN, "#" + (top.size() + 1) + " by " + ds.aggregation().wireName()));
        }
        List<Observation> alarms = rule.trigger().hasBounds() ? top : List.of();
        return new Evaluation(rule, start, end, alarms, Absent.OK, top);
    }

    private List<SeriesResult> query(DataSource ds, long start, long end) {
        return store.range(new Query(ds.metric(), ds.tags().filters(), start * 1000, end * 1000,
                ds.downsampleSeconds() * 1000, ds.aggregation(), ds.tags().groupBy()));
    }

    /** Each result under its full tags: the rule's exact tags plus the group's. */
    private static Map<Map<String, String>, SeriesResult> byTags(DataSource ds, List<SeriesResult> results) {
        Map<Map<String, String>, SeriesResult> out = new HashMap<>();
        for (SeriesResult r : results) {
            if (r.points().isEmpty()) {
                continue;
            }
            Map<String, String> tags = new TreeMap<>(ds.tags().fixed());
            tags.putAll(r.tags());
            out.put(tags, r);
        }
        return out;
    }

    private static void noDataWhenFixed(DataSource ds, long start, Map<?, ?> results, List<Observation> out,
                                        String detail) {
        if (!ds.tags().expands() && results.isEmpty()) {
            out.add(Observation.of(ds.tags().fixed(), Kind.NO_DATA, Double.NaN, start, detail));
        }
    }

    private static Observation lastValue(Map<String, String> tags, SeriesResult r) {
        DataPoint p = last(r);
        return Observation.of(tags, Kind.OK, p.value(), seconds(p.timestamp()), "within the bounds");
    }

    private static DataPoint last(SeriesResult r) {
        return r.points().get(r.points().size() - 1);
    }

    private static long seconds(long millis) {
        return Math.floorDiv(millis, 1000);
    }

    private static String describeShift(CompareRule rule) {
        return rule.daysAgo() + " d " + rule.seconds() + " s earlier";
    }
}
