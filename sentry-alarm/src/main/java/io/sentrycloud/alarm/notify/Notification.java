package io.sentrycloud.alarm.notify;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message about one rule: every alert of one evaluation that is due to be told, grouped.
 *
 * @param ruleId   the rule
 * @param ruleName the rule's name
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param at       epoch seconds of the evaluation
 * @param alerts   the alerts, firing ones first
 */
public record Notification(long ruleId, String ruleName, String severity, long at, List<Alert> alerts) {

    /**
     * One series' part of a notification.
     *
     * @param state  {@code firing}, {@code resolved}, {@code no data}, {@code error} or {@code report}
     * @param metric the metric
     * @param tags   the series' tags
     * @param value  the value (NaN without one)
     * @param at     epoch seconds of the value
     * @param text   the rule's message template filled in for this series
     * @param link   the chart of this series on the dashboard, empty when no public URL is configured
     */
    public record Alert(String state, String metric, Map<String, String> tags, double value, long at, String text,
                        String link) {

        public Alert {
            tags = Map.copyOf(tags);
            Objects.requireNonNull(text, "text");
            link = Objects.requireNonNullElse(link, "");
        }
    }

    public Notification {
        alerts = List.copyOf(alerts);
    }

    /** A count per state, e.g. {@code FIRING 2, RESOLVED 1}. */
    public String summary() {
        var counts = new java.util.LinkedHashMap<String, Integer>();
        for (Alert a : alerts) {
            counts.merge(a.state().toUpperCase(java.util.Locale.ROOT), 1, Integer::sum);
        }
        var sb = new StringBuilder();
        counts.forEach((s, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(s).append(' ').append(n));
        return sb.toString();
    }

    /** The subject line: {@code [sentry] CRITICAL · rule name · FIRING 2, RESOLVED 1}. */
    public String title() {
        return "[sentry] " + severity.toUpperCase(java.util.Locale.ROOT) + " · " + ruleName + " · " + summary();
    }

    /** The plain-text body: each alert's text with its state and chart link. */
    public String text() {
        var sb = new StringBuilder();
        for (Alert a : alerts) {
            sb.append('[').append(a.state()).append("] ").append(a.text()).append('\n');
            if (!a.link().isEmpty()) {
                sb.append("  chart: ").append(a.link()).append('\n');
            }
        }
        return sb.toString();
    }
}
