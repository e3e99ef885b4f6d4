package io.sentrycloud.alarm.notify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fills a rule's message template. Placeholders, as the original: {@code {metric}}, {@code {tags}} (JSON),
 * {@code {tag.KEY}}, {@code {time}} ({@code yyyy-MM-dd HH:mm:ss}), {@code {value}}, {@code {history.value}},
 * {@code {compare.value}}; ours add {@code {rule}}, {@code {severity}}, {@code {state}} and {@code {link}}.
 * Unknown placeholders stay as written.
 */
public final class MessageTemplate {

    /** Used when a rule has no message. */
    public static final String DEFAULT = "{time} {rule}: {metric} {tags} value {value}";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private MessageTemplate() {
    }

    /**
     * The values of one alert.
     *
     * @param at      epoch seconds
     * @param history compare rules' history average, NaN otherwise
     * @param compare compare rules' compared value, NaN otherwise
     */
    public record Values(String rule, String severity, String state, String metric, Map<String, String> tags,
                         long at, double value, double history, double compare, String link) {
    }

    public static String render(String template, Values v, ZoneId zone) {
        String t = template == null || template.isBlank() ? DEFAULT : template;
        Map<String, String> tags = new TreeMap<>(v.tags());
        String out = t.replace("{metric}", v.metric())
                .replace("{tags}", tagsJson(tags))
                .replace("{time}", TIME.format(Instant.ofEpochSecond(v.at()).atZone(zone)))
                .replace("{value}", number(v.value()))
                .replace("{history.value}", number(v.history()))
                .replace("{compare.value}", number(v.compare()))
                .replace("{rule}", v.rule())
                .replace("{severity}", v.severity())
                .replace("{state}", v.state())
                .replace("{link}", v.link());
        for (var e : tags.entrySet()) {
            out = out.replace("{tag." + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    /** As Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: no exponent, no trailing zeros; NaN as "-". */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        String s = new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static String tagsJson(Map<String, String> tags) {
        var sb = new StringBuilder("{");
        tags.forEach((k, val) -> sb.append(sb.length() == 1 ? "" : ",").append('"').append(escape(k)).append("\":\"")
                .append(escape(val)).append('"'));
        return sb.append('}').toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
