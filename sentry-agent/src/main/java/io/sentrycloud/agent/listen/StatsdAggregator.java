package io.sentrycloud.agent.listen;

import io.sentrycloud.sdk.MetricPoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * StatsD lines ({@code name:value|type[|@rate][|#tag:value,...]}, the DogStatsD tag extension included) summed up
 * between two flushes. What a flush gives, tagged with the line's tags plus {@code sentryIP}:
 * <ul>
 *   <li>counter {@code c}: {@code <name>} = the count in the interval (each sample divided by its rate);</li>
 *   <li>gauge {@code g}: {@code <name>} = the last value ({@code +n}/{@code -n} adjust it); kept and sent every
 *       flush, as StatsD does;</li>
 *   <li>timer/histogram/distribution {@code ms}, {@code h}, {@code d}: {@code <name>_count}, {@code _min},
 *       {@code _max}, {@code _mean}, {@code _p50}, {@code _p90}, {@code _p99};</li>
 *   <li>set {@code s}: {@code <name>} = distinct values in the interval.</li>
 * </ul>
 * Characters a sentry name may not hold become {@code _}. Thread-safe.
 */
public final class StatsdAggregator {

    private final String sentryIp;
    private final Map<Key, double[]> counters = new HashMap<>();
    private final Map<Key, Double> gauges = new HashMap<>();
    private final Map<Key, List<Double>> timers = new HashMap<>();
    private final Map<Key, Set<String>> sets = new HashMap<>();
    private long refused;

    private record Key(String metric, Map<String, String> tags) {
    }

    public StatsdAggregator(String sentryIp) {
        this.sentryIp = sentryIp;
    }

    /** Adds every line of a packet; returns how many lines were taken (the others are counted as refused). */
    public synchronized int add(byte[] packet, int length) {
        int taken = 0;
        for (String line : new String(packet, 0, length, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (addLine(line.trim())) {
                taken++;
            } else {
                refused++;
            }
        }
        return taken;
    }

    private boolean addLine(String line) {
        int colon = line.indexOf(':');
        int bar = line.indexOf('|');
        if (colon <= 0 || bar < colon) {
            return false;
        }
        String name = sanitizeMetric(line.substring(0, colon));
        String[] parts = line.substring(bar + 1).split("\\|");
        String type = parts[0];
        String raw = line.substring(colon + 1, bar);
        double rate = 1;
        Map<String, String> tags = new TreeMap<>();
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("@")) {
                try {
                    rate = Double.parseDouble(parts[i].substring(1));
                } catch (NumberFormatException e) {
                    return false;
                }
                if (!(rate > 0 && rate <= 1)) {
                    return false;
                }
            } else if (parts[i].startsWith("#")) {
                for (String tag : parts[i].substring(1).split(",")) {
                    int c = tag.indexOf(':');
                    if (c > 0 && c < tag.length() - 1) {
                        tags.put(sanitizeTag(tag.substring(0, c)), tag.substring(c + 1));
                    }
                }
            }
        }
        tags.putIfAbsent("sentryIP", sentryIp);
        if (name.isEmpty()) {
            return false;
        }
        Key key = new Key(name, tags);
        try {
            switch (type) {
                case "c" -> {
                    double v = Double.parseDouble(raw) / rate; // before the entry exists: a bad value adds nothing
                    counters.computeIfAbsent(key, k -> new double[1])[0] += v;
                }
                case "g" -> {
                    double v = Double.parseDouble(raw);
                    if (raw.startsWith("+") || raw.startsWith("-")) {
                        gauges.merge(key, v, Double::sum);
                    } else {
                        gauges.put(key, v);
                    }
                }
                case "ms", "h", "d" -> {
                    double v = Double.parseDouble(raw);
                    timers.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
                }
                case "s" -> sets.computeIfAbsent(key, k -> new HashSet<>()).add(raw);
                default -> {
                    return false;
                }
            }
        } catch (NumberFormatException e) {
            return false;
        }
        return true;
    }

    /** The interval's points, stamped {@code timestamp}; counters, timers and sets start again from zero. */
    public synchronized List<MetricPoint> flush(long timestamp) {
        List<MetricPoint> out = new ArrayList<>();
        counters.forEach((k, v) -> add(out, k, "", timestamp, v[0]));
        gauges.forEach((k, v) -> add(out, k, "", timestamp, v));
        timers.forEach((k, samples) -> {
            double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            add(out, k, "_count", timestamp, s.length);
            add(out, k, "_min", timestamp, s[0]);
            add(out, k, "_max", timestamp, s[s.length - 1]);
            add(out, k, "_mean", timestamp, Arrays.stream(s).average().orElse(0));
            add(out, k, "_p50", timestamp, percentile(s, 50));
            add(out, k, "_p90", timestamp, percentile(s, 90));
            add(out, k, "_p99", timestamp, percentile(s, 99));
        });
        sets.forEach((k, v) -> add(out, k, "", timestamp, v.size()));
        counters.clear();
        timers.clear();
        sets.clear();
        return out;
    }

    /** Lines refused so far (malformed, unknown type). */
    public synchronized long refused() {
        return refused;
    }

    private static void add(List<MetricPoint> out, Key k, String suffix, long ts, double v) {
        if (Double.isFinite(v)) {
            out.add(new MetricPoint(k.metric() + suffix, k.tags(), ts, v));
        }
    }

    /** Nearest-rank percentile of sorted samples. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String sanitizeMetric(String name) {
        String s = name.trim().replaceAll("[^a-zA-Z0-9_.\\-]", "_");
        return !s.isEmpty() && Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    private static String sanitizeTag(String key) {
        String s = key.trim().replaceAll("[^a-zA-Z0-9_]", "_");
        return !s.isEmpty() && Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }
}
