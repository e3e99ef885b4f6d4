package io.sentrycloud.server.storage.victoriametrics;

import java.util.ArrayList;
import java.util.List;

/** The lines of a Prometheus text page such as VictoriaMetrics' {@code /metrics}, summed by name and label. */
final class VmMetricsPage {

    private record Sample(String name, String labels, double value) {
    }

    private final List<Sample> samples;

    private VmMetricsPage(List<Sample> samples) {
        this.samples = samples;
    }

    static VmMetricsPage parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            String head = line.substring(0, space);
            double value;
            try {
                value = Double.parseDouble(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            int brace = head.indexOf('{');
            out.add(brace < 0 ? new Sample(head, "", value)
                    : new Sample(head.substring(0, brace), head.substring(brace), value));
        }
        return new VmMetricsPage(out);
    }

    /**
     * The sum of {@code name}'s samples whose label {@code label} starts with {@code valuePrefix}; every sample of
     * the name when {@code label} is null.
     */
    long sum(String name, String label, String valuePrefix) {
        double total = 0;
        for (Sample s : samples) {
            if (!s.name.equals(name)) {
                continue;
            }
            if (label == null || s.labels.contains(label + "=\"" + valuePrefix)) {
                total += s.value;
            }
        }
        return (long) total;
    }
}
