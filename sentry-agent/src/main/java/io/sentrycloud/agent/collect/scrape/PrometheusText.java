package io.sentrycloud.agent.collect.scrape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the Prometheus text exposition format (version 0.0.4): {@code name{label="value",...} value [timestamp]}
 * lines, {@code #} comments skipped. Names are made sentry names ({@code :} becomes {@code _}); label values are
 * unescaped; samples whose value is not finite are dropped (sentry stores only finite numbers).
 */
public final class PrometheusText {

    /**
     * One sample.
     *
     * @param metric the metric name
     * @param labels the labels, empty values left out
     * @param value  the value
     */
    public record Sample(String metric, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    /**
     * Parses a scrape. Malformed lines are counted in {@code errors[0]} and skipped.
     *
     * @param errors a one-element counter of skipped lines
     */
    public static List<Sample> parse(String text, int[] errors) {
        List<Sample> samples = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                Sample s = line(line);
                if (s != null) {
                    samples.add(s);
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                errors[0]++;
            }
        }
        return samples;
    }

    private static Sample line(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        String name = line.substring(0, i).replace(':', '_');
        if (name.isEmpty() || !name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new IllegalArgumentException("bad metric name");
        }
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                while (line.charAt(i) == ' ' || line.charAt(i) == ',') {
                    i++;
                }
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq).strip();
                i = eq + 1;
                if (line.charAt(i) != '"') {
                    throw new IllegalArgumentException("label value must be quoted");
                }
                i++;
                StringBuilder value = new StringBuilder();
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i++);
                    if (c == '\\') {
                        char n = line.charAt(i++);
                        value.append(n == 'n' ? '\n' : n);
                    } else {
                        value.append(c);
                    }
                }
                i++;
                if (!key.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                    throw new IllegalArgumentException("bad label name");
                }
                if (value.length() > 0) {
                    labels.put(key, value.toString());
                }
            }
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        double value = switch (rest[0]) {
            case "NaN", "+Inf", "-Inf", "Inf" -> Double.NaN;
            default -> Double.parseDouble(rest[0]);
        };
        return Double.isFinite(value) ? new Sample(name, labels, value) : null;
    }
}
