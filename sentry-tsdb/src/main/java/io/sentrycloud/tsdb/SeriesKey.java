package io.sentrycloud.tsdb;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The identity of a series: a metric name and its tags, sorted by key so that equal tag sets compare equal
 * whatever order they arrived in.
 */
public record SeriesKey(String metric, SortedMap<String, String> tags) implements Comparable<SeriesKey> {

    public SeriesKey {
        Objects.requireNonNull(metric, "metric");
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    public static SeriesKey of(String metric, Map<String, String> tags) {
        return new SeriesKey(metric, new TreeMap<>(tags));
    }

    /** The value of one tag, or {@code null} when the series has no such tag. */
    public String tag(String key) {
        return tags.get(key);
    }

    @Override
    public int compareTo(SeriesKey o) {
        int c = metric.compareTo(o.metric);
        if (c != 0) {
            return c;
        }
        var a = tags.entrySet().iterator();
        var b = o.tags.entrySet().iterator();
        while (a.hasNext() && b.hasNext()) {
            var x = a.next();
            var y = b.next();
            c = x.getKey().compareTo(y.getKey());
            if (c == 0) {
                c = x.getValue().compareTo(y.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(a.hasNext(), b.hasNext());
    }

    /** {@code metric{k="v",...}}, the form used in logs and error messages. */
    @Override
    public String toString() {
        var sb = new StringBuilder(metric).append('{');
        tags.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ",")
                .append(k).append("=\"").append(v).append('"'));
        return sb.append('}').toString();
    }
}
