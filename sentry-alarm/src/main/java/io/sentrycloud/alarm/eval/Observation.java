package io.sentrycloud.alarm.eval;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one evaluation saw for one series.
 *
 * @param tags    the series' tags (the rule's exact tags plus the expanded ones)
 * @param kind    ok, past the bounds, or no data
 * @param value   the value that breached (the last one past a bound), else the last value; NaN without data
 * @param at      epoch seconds of {@code value}, or the window start when there is none
 * @param history compare rules: the history average, else NaN
 * @param compare compare rules: the compared value (difference or ratio), else NaN
 * @param detail  a short human explanation ("3 of 6 points > 90", "no history 1 day earlier")
 */
public record Observation(SortedMap<String, String> tags, Kind kind, double value, long at, double history,
                          double compare, String detail) {

    /** The outcome for one series. */
    public enum Kind { OK, BREACH, NO_DATA }

    public Observation {
        tags = new TreeMap<>(tags);
    }

    static Observation of(Map<String, String> tags, Kind kind, double value, long at, String detail) {
        return new Observation(new TreeMap<>(tags), kind, value, at, Double.NaN, Double.NaN, detail);
    }
}
