package io.sentrycloud.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.config.IngestConfig;
import io.sentrycloud.tsdb.Point;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns one JSON point of the original's shape {@code {"metric","tags","timestamp","value"}} into a {@link Point},
 * or says precisely why it cannot. Names follow the original's rule, anchored; metric names may also hold
 * {@code .}, {@code -} and {@code :} (Prometheus recording rules). Timestamps are seconds, or milliseconds when at
 * least 1e11 (year 5138 in seconds).
 */
public final class PointRules {

    /** The tag the server adds with the sender's address when a point has none (the original's behaviour). */
    public static final String SENDER_TAG = "sentryIP";

    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.:\\-]*");
    private static final Pattern TAG_KEY = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final long MILLIS_FROM = 100_000_000_000L;

    private final IngestConfig limits;
    private final Duration retention;
    private final Clock clock;

    public PointRules(IngestConfig limits, int keepDays, Clock clock) {
        this.limits = limits;
        this.retention = Duration.ofDays(keepDays);
        this.clock = clock;
    }

    /** The limits this instance enforces. */
    public IngestConfig limits() {
        return limits;
    }

    /**
     * Validates a point decoded by another protocol: the same name, tag, time and value rules as the JSON form;
     * {@code senderIp} becomes its {@code sentryIP} tag when it has none.
     *
     * @param tags      the point's tags (not modified)
     * @param timestamp epoch milliseconds
     * @throws InvalidPointException naming the field and the rule broken
     */
    public Point check(String metric, Map<String, String> tags, long timestamp, double value, String senderIp)
            throws InvalidPointException {
        if (metric == null || metric.isEmpty()) {
            throw new InvalidPointException("metric is empty");
        }
        checkMetric(metric);
        if (tags.size() > limits.maxTags()) {
            throw new InvalidPointException("point has " + tags.size() + " tags; at most " + limits.maxTags()
                    + " are allowed (ingest.max_tags)");
        }
        Map<String, String> checked = new TreeMap<>();
        for (var e : tags.entrySet()) {
            checkTagKey(e.getKey());
            checkTagValue(e.getKey(), e.getValue());
            checked.put(e.getKey(), e.getValue());
        }
        checked.putIfAbsent(SENDER_TAG, senderIp);
        checkTime(timestamp, Long.toString(timestamp));
        if (!Double.isFinite(value)) {
            throw new InvalidPointException("value " + value + " is not a finite number; NaN and infinities cannot"
                    + " be stored");
        }
        return Point.of(metric, checked, timestamp, value);
    }

    /** Validates one point; {@code senderIp} becomes its {@code sentryIP} tag when it has none. */
    Point toPoint(JsonNode node, String senderIp) throws InvalidPointException {
        if (!node.isObject()) {
            throw new InvalidPointException("a point must be a JSON object {\"metric\",\"tags\",\"timestamp\","
                    + "\"value\"}, got " + kind(node));
        }
        String metric = metric(node.get("metric"));
        Map<String, String> tags = tags(node.get("tags"));
        tags.putIfAbsent(SENDER_TAG, senderIp);
        long timestamp = timestamp(node.get("timestamp"));
        double value = value(node.get("value"));
        return Point.of(metric, tags, timestamp, value);
    }

    private String metric(JsonNode node) throws InvalidPointException {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
            throw new InvalidPointException("metric is empty");
        }
        if (!node.isTextual()) {
            throw new InvalidPointException("metric must be a string, got " + kind(node));
        }
        String metric = node.asText();
        checkMetric(metric);
        return metric;
    }

    private void checkMetric(String metric) throws InvalidPointException {
        if (metric.length() > limits.maxMetricLength()) {
            throw new InvalidPointException("metric '" + abbreviate(metric) + "' is " + metric.length()
                    + " characters long; at most " + limits.maxMetricLength() + " are allowed");
        }
        if (!METRIC.matcher(metric).matches()) {
            throw new InvalidPointException("metric '" + abbreviate(metric) + "' is not a valid name: it must start"
                    + " with a letter or '_' and hold only letters, digits, '_', '.', ':' and '-'");
        }
    }

    private Map<String, String> tags(JsonNode node) throws InvalidPointException {
        Map<String, String> tags = new TreeMap<>();
        if (node == null || node.isNull()) {
            return tags;
        }
        if (!node.isObject()) {
            throw new InvalidPointException("tags must be an object of string values, got " + kind(node));
        }
        if (node.size() > limits.maxTags()) {
            throw new InvalidPointException("point has " + node.size() + " tags; at most " + limits.maxTags()
                    + " are allowed (ingest.max_tags)");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = e.getKey();
            checkTagKey(key);
            JsonNode v = e.getValue();
            if (v == null || !v.isTextual()) {
                throw new InvalidPointException("tag '" + key + "' must have a string value, got " + kind(v));
            }
            String value = v.asText();
            checkTagValue(key, value);
            tags.put(key, value);
        }
        return tags;
    }

    private void checkTagKey(String key) throws InvalidPointException {
        if (key == null || key.isEmpty()) {
            throw new InvalidPointException("a tag key is empty");
        }
        if (key.length() > limits.maxTagLength()) {
            throw new InvalidPointException("tag key '" + abbreviate(key) + "' is " + key.length()
                    + " characters long; at most " + limits.maxTagLength() + " are allowed");
        }
        if (!TAG_KEY.matcher(key).matches()) {
            throw new InvalidPointException("tag key '" + abbreviate(key) + "' is not a valid name: it must"
                    + " start with a letter or '_' and hold only letters, digits and '_'");
        }
    }

    private void checkTagValue(String key, String value) throws InvalidPointException {
        if (value == null || value.isEmpty()) {
            throw new InvalidPointException("tag '" + key + "' has an empty value");
        }
        if (value.length() > limits.maxTagLength()) {
            throw new InvalidPointException("tag '" + key + "' value is " + value.length()
                    + " characters long; at most " + limits.maxTagLength() + " are allowed");
        }
    }

    private long timestamp(JsonNode node) throws InvalidPointException {
        if (node == null || node.isNull()) {
            throw new InvalidPointException("timestamp is missing (epoch seconds or milliseconds)");
        }
        if (!node.isNumber()) {
            throw new InvalidPointException("timestamp must be a number (epoch seconds or milliseconds), got "
                    + kind(node));
        }
        double raw = node.asDouble();
        if (!Double.isFinite(raw) || raw <= 0) {
            throw new InvalidPointException("timestamp " + node.asText() + " is not a positive epoch time");
        }
        // integral seconds stay exact; fractional seconds (e.g. Python's time.time()) keep their milliseconds
        long millis;
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new InvalidPointException("timestamp " + node.asText() + " is out of range");
            }
            long t = node.asLong();
            millis = t >= MILLIS_FROM ? t : t * 1000;
        } else {
            millis = raw >= MILLIS_FROM ? (long) raw : Math.round(raw * 1000);
        }
        checkTime(millis, node.asText());
        return millis;
    }

    private void checkTime(long millis, String written) throws InvalidPointException {
        Instant now = clock.instant();
        Instant at = Instant.ofEpochMilli(millis);
        if (millis <= 0) {
            throw new InvalidPointException("timestamp " + written + " is not a positive epoch time");
        }
        if (at.isBefore(now.minus(retention))) {
            throw new InvalidPointException("timestamp " + written + " (" + at + ") is older than the "
                    + "retention of " + retention.toDays() + " days (storage.keep_days); such data would be dropped");
        }
        if (at.isAfter(now.plusSeconds(limits.maxFutureSeconds()))) {
            throw new InvalidPointException("timestamp " + written + " (" + at + ") is "
                    + Duration.between(now, at).toSeconds() + " s in the future; at most "
                    + limits.maxFutureSeconds() + " s ahead of the server clock is accepted");
        }
    }

    private static double value(JsonNode node) throws InvalidPointException {
        if (node == null || node.isNull()) {
            throw new InvalidPointException("value is missing");
        }
        if (!node.isNumber()) {
            throw new InvalidPointException("value must be a number, got " + kind(node));
        }
        double v = node.asDouble();
        if (!Double.isFinite(v)) {
            throw new InvalidPointException("value " + node.asText() + " is not a finite number; NaN and "
                    + "infinities cannot be stored");
        }
        return v;
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        return switch (node.getNodeType()) {
            case STRING -> "the string \"" + abbreviate(node.asText()) + "\"";
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> node.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
