package io.sentrycloud.alarm.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentrycloud.tsdb.Aggregation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an {@code alarm_rule} row into a rule, with the original's checks (non-empty metric, known aggregation,
 * {@code down_sample >= 1}, TopN with exactly one {@code *} tag, compare type 0/1 and at most 7 days back) and
 * a message naming the field for each refusal.
 */
public final class RuleParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhd]?)");
    private static final Pattern CONTACT_SEPARATORS = Pattern.compile("[,; ]+");

    private RuleParser() {
    }

    /**
     * Parses a row.
     *
     * @throws InvalidRuleException naming the first bad field
     */
    public static AlarmRule parse(RuleRow row) {
        RuleType type = RuleType.of(row.type());
        if (row.queryRange() < 1) {
            throw new InvalidRuleException("query_range must be at least 1 second, got " + row.queryRange());
        }
        RuleMeta meta = new RuleMeta(row.id(), row.name(), row.queryRange(), contacts(row.contacts()),
                Severity.ofLevel(row.level()), row.message(), row.enabled());
        JsonNode ds = object("data_source", row.dataSource());
        JsonNode tr = object("trigger", row.trigger());
        DataSource source = dataSource(ds);
        Trigger trigger = trigger(tr);
        return switch (type) {
            case HEARTBEAT -> new HeartbeatRule(meta, source, trigger);
            case THRESHOLD -> new ThresholdRule(meta, source, trigger);
            case TOPN -> topN(meta, source, trigger, ds);
            case COMPARE -> compare(meta, source, trigger, ds);
        };
    }

    /** The names in a {@code contacts} column, split on {@code ,}, {@code ;} and spaces as the original does. */
    public static List<String> contacts(String column) {
        return Arrays.stream(CONTACT_SEPARATORS.split(column.trim())).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static TopNRule topN(RuleMeta meta, DataSource source, Trigger trigger, JsonNode ds) {
        List<String> star = source.tags().starKeys();
        if (star.size() != 1) {
            throw new InvalidRuleException("data_source.tags: a topN rule needs exactly one tag whose value is '*'"
                    + " (the tag to rank), got " + star.size());
        }
        String sort = text(ds, "sort", "desc").trim().toLowerCase(Locale.ROOT);
        if (!sort.equals("desc") && !sort.equals("asc")) {
            throw new InvalidRuleException("data_source.sort '" + sort + "' is not 'desc' or 'asc'");
        }
        int limit = (int) number(ds, "limit", TopNRule.MAX_LIMIT);
        if (limit <= 0 || limit > TopNRule.MAX_LIMIT) {
            limit = TopNRule.MAX_LIMIT; // as the original: an out-of-range limit means the largest
        }
        return new TopNRule(meta, source, trigger, star.get(0), sort.equals("desc"), limit);
    }

    private static CompareRule compare(RuleMeta meta, DataSource source, Trigger trigger, JsonNode ds) {
        long compareType = number(ds, "compare_type", 0);
        if (compareType != 0 && compareType != 1) {
            throw new InvalidRuleException("data_source.compare_type must be 0 (difference) or 1 (ratio), got "
                    + compareType);
        }
        long days = number(ds, "compare_days_ago", 0);
        if (days < 0 || days > CompareRule.MAX_DAYS_AGO) {
            throw new InvalidRuleException("data_source.compare_days_ago must be 0.." + CompareRule.MAX_DAYS_AGO
                    + ", got " + days);
        }
        long seconds = number(ds, "compare_seconds", 0);
        if (seconds < 0) {
            throw new InvalidRuleException("data_source.compare_seconds must not be negative, got " + seconds);
        }
        if (days == 0 && seconds == 0) {
            throw new InvalidRuleException("data_source: compare_days_ago and compare_seconds are both 0, so the "
                    + "window would be compared with itself");
        }
        return new CompareRule(meta, source, trigger, compareType == 1, (int) days, seconds);
    }

    private static DataSource dataSource(JsonNode ds) {
        String metric = text(ds, "metric", "").trim();
        if (metric.isEmpty()) {
            throw new InvalidRuleException("data_source.metric is empty; name the metric to watch");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode t = ds.get("tags");
        if (t != null && !t.isNull()) {
            if (!t.isObject()) {
                throw new InvalidRuleException("data_source.tags must be an object of tag: value");
            }
            t.fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        }
        Aggregation aggregation;
        try {
            aggregation = Aggregation.parse(text(ds, "aggregation", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidRuleException("data_source." + e.getMessage());
        }
        long downsample = downsample(ds.get("down_sample"));
        return new DataSource(metric, TagSelector.parse(tags), aggregation, downsample);
    }

    private static long downsample(JsonNode node) {
        long seconds;
        if (node == null || node.isNull()) {
            seconds = 0;
        } else if (node.isNumber()) {
            seconds = node.asLong();
        } else {
            Matcher m = DURATION.matcher(node.asText().trim());
            if (!m.matches()) {
                throw new InvalidRuleException("data_source.down_sample '" + node.asText() + "' is not seconds or "
                        + "a duration like 10s, 5m, 1h, 1d");
            }
            long n = Long.parseLong(m.group(1));
            seconds = switch (m.group(2)) {
                case "m" -> n * 60;
                case "h" -> n * 3600;
                case "d" -> n * 86_400;
                default -> n;
            };
        }
        if (seconds < 1) {
            throw new InvalidRuleException("data_source.down_sample must be at least 1 second");
        }
        return seconds;
    }

    private static Trigger trigger(JsonNode tr) {
        double greater = bound(tr, "greater_than", Double.POSITIVE_INFINITY);
        double less = bound(tr, "less_than", Double.NEGATIVE_INFINITY);
        int errorCount = (int) Math.max(1, number(tr, "error_count", 1));
        long forSeconds = nonNegative(tr, "for", 0);
        long repeat = nonNegative(tr, "repeat_interval", Trigger.DEFAULT_REPEAT_SECONDS);
        long report = nonNegative(tr, "report_interval", 0);
        long offset = nonNegative(tr, "report_offset", 0);
        if (report > 0 && offset >= report) {
            throw new InvalidRuleException("trigger.report_offset must be less than report_interval");
        }
        return new Trigger(greater, less, errorCount, forSeconds, repeat, bool(tr, "notify_firing"),
                bool(tr, "notify_resolved"), report, offset);
    }

    private static JsonNode object(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRuleException(field + " is empty; it must be a JSON object");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidRuleException(field + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRuleException(field + " must be a JSON object");
        }
        return node;
    }

    private static String text(JsonNode node, String field, String absent) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? absent : v.asText();
    }

    private static long number(JsonNode node, String field, long absent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            return absent;
        }
        if (v.isNumber()) {
            return v.asLong();
        }
        try {
            return Long.parseLong(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new InvalidRuleException(field + " '" + v.asText() + "' is not a whole number");
        }
    }

    private static long nonNegative(JsonNode node, String field, long absent) {
        long n = number(node, field, absent);
        if (n < 0) {
            throw new InvalidRuleException("trigger." + field + " must not be negative, got " + n);
        }
        return n;
    }

    private static double bound(JsonNode node, String field, double absent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            return absent; // the original dashboard sends "" for a bound left empty
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            return Double.parseDouble(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new InvalidRuleException("trigger." + field + " '" + v.asText() + "' is not a number");
        }
    }

    private static boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asBoolean(true);
    }
}
