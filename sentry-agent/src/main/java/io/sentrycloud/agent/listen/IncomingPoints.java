package io.sentrycloud.agent.listen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentrycloud.sdk.MetricPoint;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the original JSON array of points sent by local apps and scripts, keeping the valid ones. Like the original
 * agent, a point without a {@code sentryIP} tag gets this machine's address, so the server knows where it came from.
 *
 * @param points the valid points, in order
 * @param errors one message per invalid point, naming its index
 */
public record IncomingPoints(List<MetricPoint> points, List<String> errors) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The server's rules: anchored names, and {@code .}/{@code -} allowed in metric names. */
    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.\\-]*");
    private static final Pattern TAG_KEY = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** The whole body could not be read as a JSON array of points. */
    public static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    /**
     * @param sentryIp value of the {@code sentryIP} tag added to points that lack one
     * @throws MalformedException when the body is not JSON or not an array
     */
    public static IncomingPoints read(InputStream body, String sentryIp) throws IOException, MalformedException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedException("the body is not valid JSON: " + e.getOriginalMessage());
        }
        return of(root, sentryIp);
    }

    /** The same for bytes (a PDU payload). */
    public static IncomingPoints read(byte[] body, String sentryIp) throws MalformedException {
        try {
            return read(new java.io.ByteArrayInputStream(body), sentryIp);
        } catch (IOException e) {
            throw new MalformedException("the body cannot be read: " + e.getMessage());
        }
    }

    private static IncomingPoints of(JsonNode root, String sentryIp) throws MalformedException {
        if (root == null || !root.isArray()) {
            throw new MalformedException("the body must be a JSON array of points [{\"metric\",\"tags\","
                    + "\"timestamp\",\"value\"}]");
        }
        List<MetricPoint> points = new ArrayList<>(root.size());
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                points.add(point(root.get(i), sentryIp));
            } catch (IllegalArgumentException e) {
                errors.add("point " + i + ": " + e.getMessage());
            }
        }
        return new IncomingPoints(points, errors);
    }

    private static MetricPoint point(JsonNode n, String sentryIp) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("must be an object {\"metric\",\"tags\",\"timestamp\",\"value\"}");
        }
        JsonNode metric = n.get("metric");
        if (metric == null || !metric.isTextual() || !METRIC.matcher(metric.asText()).matches()) {
            throw new IllegalArgumentException("metric must be a name matching [a-zA-Z_][a-zA-Z0-9_.-]*, got "
                    + metric);
        }
        Map<String, String> tags = new TreeMap<>();
        JsonNode t = n.get("tags");
        if (t != null && !t.isNull()) {
            if (!t.isObject()) {
                throw new IllegalArgumentException("tags must be an object of names to text");
            }
            for (var it = t.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!TAG_KEY.matcher(e.getKey()).matches()) {
                    throw new IllegalArgumentException("tag key '" + e.getKey() + "' must match "
                            + "[a-zA-Z_][a-zA-Z0-9_]*");
                }
                if (!e.getValue().isValueNode() || e.getValue().isNull() || e.getValue().asText().isEmpty()) {
                    throw new IllegalArgumentException("tag " + e.getKey() + " must have a non-empty text value");
                }
                tags.put(e.getKey(), e.getValue().asText());
            }
        }
        tags.putIfAbsent("sentryIP", sentryIp);
        JsonNode ts = n.get("timestamp");
        if (ts == null || !ts.isNumber() || ts.asDouble() < 0) {
            throw new IllegalArgumentException("timestamp must be epoch seconds or milliseconds, got " + ts);
        }
        long timestamp = ts.isIntegralNumber() ? ts.asLong()
                : ts.asDouble() >= MetricPoint.MILLIS_FROM ? (long) ts.asDouble() : Math.round(ts.asDouble() * 1000);
        JsonNode v = n.get("value");
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException("value must be a finite number, got " + v);
        }
        return new MetricPoint(metric.asText(), tags, timestamp, v.asDouble());
    }
}
