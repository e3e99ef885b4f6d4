package io.sentrycloud.server.ingest.opentsdb;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.http.ApiJson;
import io.sentrycloud.server.ingest.PointCollector;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenTSDB's two put forms. JSON ({@code /api/put}): one data point object or an array of them,
 * {@code {"metric","timestamp","value","tags"}}; the telnet line: {@code put <metric> <timestamp> <value>
 * <tagk=tagv> ...}. As OpenTSDB: timestamps are seconds, or milliseconds when they do not fit in 32 bits; a value
 * may be a number or a string holding one.
 */
public final class OpenTsdbParser {

    private OpenTsdbParser() {
    }

    /**
     * Reads a JSON body point by point into {@code out}.
     *
     * @return each data point as sent, in body order: the i-th is the collector's candidate i
     * @throws JsonProcessingException when the body is not JSON, or neither an object nor an array of them
     */
    public static List<JsonNode> parseJson(InputStream body, PointCollector out) throws IOException {
        List<JsonNode> outcomes = new ArrayList<>();
        try (JsonParser p = ApiJson.MAPPER.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                JsonNode node = ApiJson.MAPPER.readTree(p);
                point(node, "datapoint 0", out);
                outcomes.add(node);
            } else if (first == JsonToken.START_ARRAY) {
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode node = ApiJson.MAPPER.readTree(p);
                    point(node, "datapoint " + index, out);
                    outcomes.add(node);
                    index++;
                }
            } else {
                throw new JsonParseException(p, "the body must be a data point object or an array of them, not "
                        + (first == null ? "empty" : first.asString()));
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new JsonParseException(p, "unexpected content after the data points");
            }
        }
        return outcomes;
    }

    private static String point(JsonNode node, String where, PointCollector out) {
        if (node == null || !node.isObject()) {
            return out.reject(where, "a data point must be an object {\"metric\",\"timestamp\",\"value\",\"tags\"}");
        }
        JsonNode metric = node.get("metric");
        if (metric == null || !metric.isTextual()) {
            return out.reject(where, "metric must be a string");
        }
        JsonNode ts = node.get("timestamp");
        long millis;
        if (ts == null || !ts.isIntegralNumber() || !ts.canConvertToLong()) {
            return out.reject(where, "timestamp must be an integer (epoch seconds or milliseconds)");
        }
        millis = millis(ts.asLong());
        JsonNode v = node.get("value");
        double value;
        if (v != null && v.isNumber()) {
            value = v.asDouble();
        } else if (v != null && v.isTextual()) {
            try {
                value = number(v.asText());
            } catch (NumberFormatException e) {
                return out.reject(where, "value '" + abbreviate(v.asText()) + "' is not a number");
            }
        } else {
            return out.reject(where, "value must be a number");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode t = node.get("tags");
        if (t != null && !t.isNull()) {
            if (!t.isObject()) {
                return out.reject(where, "tags must be an object of strings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isTextual()) {
                    return out.reject(where, "tag '" + abbreviate(e.getKey()) + "' must have a string value");
                }
                tags.put(e.getKey(), e.getValue().asText());
            }
        }
        return out.add(where, metric.asText(), tags, millis, value);
    }

    /**
     * Parses one telnet {@code put} line's arguments (the text after {@code put }) into {@code out}.
     *
     * @return null when the point was kept, else the error to send back
     */
    public static String parsePut(String args, String where, PointCollector out) {
        String[] words = args.trim().split("[ \t]+");
        if (words.length < 3 || words[0].isEmpty()) {
            return out.reject(where, "not enough arguments (need least 3, got " + (words[0].isEmpty() ? 0
                    : words.length) + "): put <metric> <timestamp> <value> <tagk=tagv> ...");
        }
        long millis;
        try {
            millis = millis(Long.parseLong(words[1]));
        } catch (NumberFormatException e) {
            return out.reject(where, "invalid timestamp '" + abbreviate(words[1]) + "'");
        }
        double value;
        try {
            value = number(words[2]);
        } catch (NumberFormatException e) {
            return out.reject(where, "invalid value '" + abbreviate(words[2]) + "'");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int k = 3; k < words.length; k++) {
            int eq = words[k].indexOf('=');
            if (eq <= 0 || eq == words[k].length() - 1) {
                return out.reject(where, "invalid tag '" + abbreviate(words[k]) + "', expected tagk=tagv");
            }
            tags.put(words[k].substring(0, eq), words[k].substring(eq + 1));
        }
        return out.add(where, words[0], tags, millis, value);
    }

    /** OpenTSDB's rule: a timestamp that does not fit in 32 bits is in milliseconds. */
    static long millis(long t) {
        if (t < 0) {
            return t; // refused by the point rules as not positive
        }
        return (t & 0xFFFFFFFF00000000L) != 0 ? t : t * 1000;
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
