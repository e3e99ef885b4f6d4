package io.sentrycloud.server.ingest.graphite;

import io.sentrycloud.server.ingest.PointCollector;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Graphite's plaintext protocol: {@code path value timestamp}, and the tagged form
 * {@code path;tag1=value1;tag2=value2 value timestamp}. The path is the metric name; the timestamp is epoch seconds
 * (fractions allowed), and {@code -1} or a missing timestamp means now, as carbon does.
 */
public final class GraphiteParser {

    private GraphiteParser() {
    }

    /**
     * Adds one line's point to {@code out}.
     *
     * @return null when the point was kept, else the error recorded
     */
    public static String parse(String line, String where, long nowMillis, PointCollector out) {
        String[] words = line.strip().split("[ \t]+");
        if (words.length < 2 || words.length > 3 || words[0].isEmpty()) {
            return out.reject(where, "expected 'path value timestamp', got " + (words[0].isEmpty() ? 0
                    : words.length) + " words");
        }
        String[] parts = words[0].split(";", -1);
        String metric = parts[0];
        Map<String, String> tags = new LinkedHashMap<>();
        for (int k = 1; k < parts.length; k++) {
            int eq = parts[k].indexOf('=');
            if (eq <= 0 || eq == parts[k].length() - 1) {
                return out.reject(where, "tag '" + abbreviate(parts[k]) + "' is not tag=value");
            }
            tags.put(parts[k].substring(0, eq), parts[k].substring(eq + 1));
        }
        double value;
        try {
            value = number(words[1]);
        } catch (NumberFormatException e) {
            return out.reject(where, "value '" + abbreviate(words[1]) + "' is not a number");
        }
        long millis = nowMillis;
        if (words.length == 3 && !words[2].equals("-1")) {
            double t;
            try {
                t = number(words[2]);
            } catch (NumberFormatException e) {
                return out.reject(where, "timestamp '" + abbreviate(words[2]) + "' is not epoch seconds");
            }
            if (!(t > 0 && t < 1e13)) {
                return out.reject(where, "timestamp " + abbreviate(words[2]) + " is not a positive epoch time in "
                        + "seconds");
            }
            millis = Math.round(t * 1000);
        }
        return out.add(where, metric, tags, millis, value);
    }

    private static double number(String text) {
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                throw new NumberFormatException(text);
            }
        }
        return Double.parseDouble(text);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
