package io.sentrycloud.bench.data;

import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.SeriesKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads back what {@link InfluxLine} writes ({@code metric,k=v,... value=<v> <ms>}), as a server would, so sentry
 * pays for parsing the same bytes VictoriaMetrics parses. Series keys are interned: an agent fleet repeats them.
 */
public final class InfluxLineParser {

    private final Map<String, SeriesKey> keys = new HashMap<>();

    /** The points of a block of lines. */
    public List<Point> parse(String lines) {
        List<Point> out = new ArrayList<>(lines.length() / 90);
        int pos = 0;
        int n = lines.length();
        while (pos < n) {
            int eol = lines.indexOf('\n', pos);
            if (eol < 0) {
                eol = n;
            }
            if (eol > pos) {
                out.add(line(lines, pos, eol));
            }
            pos = eol + 1;
        }
        return out;
    }

    private Point line(String s, int from, int to) {
        int space = s.indexOf(' ', from);
        int space2 = s.indexOf(' ', space + 1);
        if (space < 0 || space2 < 0 || space2 > to) {
            throw new IllegalArgumentException("not an Influx line: " + s.substring(from, to));
        }
        String seriesText = s.substring(from, space);
        SeriesKey key = keys.get(seriesText);
        if (key == null) {
            String[] parts = seriesText.split(",");
            TreeMap<String, String> tags = new TreeMap<>();
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                tags.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
            key = new SeriesKey(parts[0], tags);
            keys.put(seriesText, key);
        }
        int eq = s.indexOf('=', space);
        double value = Double.parseDouble(s.substring(eq + 1, space2));
        long ts = Long.parseLong(s, space2 + 1, to, 10);
        return new Point(key, ts, value);
    }
}
