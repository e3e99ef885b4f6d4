package io.sentrycloud.server.ingest.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.ingest.PointCollector;
import io.sentrycloud.server.ingest.wire.ProtoReader;
import io.sentrycloud.server.ingest.wire.WireFormatException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP metrics ({@code ExportMetricsServiceRequest}) in protobuf or its JSON mapping, mapped onto sentry's points:
 * <ul>
 *   <li>tags: the resource's attributes, then the data point's (which win on a clash); keys have every character
 *       outside {@code [a-zA-Z0-9_]} replaced by {@code _} ({@code service.name} → {@code service_name}), as
 *       Prometheus does; non-string values are written as text;</li>
 *   <li>gauge and sum → one point of the metric's name (sums keep their values, cumulative or delta, as sent);</li>
 *   <li>histogram → {@code name_bucket{le=...}} (cumulative counts, up to {@code le="+Inf"}), {@code name_sum},
 *       {@code name_count}; summary → {@code name{quantile=...}}, {@code name_sum}, {@code name_count};</li>
 *   <li>exponential histograms cannot be stored and are refused, one count per data point; points flagged
 *       "no recorded value" are skipped.</li>
 * </ul>
 */
public final class OtlpParser {

    /** {@code DataPointFlags.FLAG_NO_RECORDED_VALUE}. */
    private static final int NO_RECORDED_VALUE = 1;
    /** Nesting of array/kvlist attribute values followed before giving up. */
    private static final int MAX_VALUE_DEPTH = 8;

    private OtlpParser() {
    }

    /** One data point of any kind, as decoded. */
    private static final class DataPoint {
        final Map<String, String> attributes = new LinkedHashMap<>();
        long timeNanos;
        int flags;
        Double value;
        long count;
        Double sum;
        long[] bucketCounts = new long[0];
        double[] bounds = new double[0];
        final List<double[]> quantiles = new ArrayList<>();
    }

    private enum Kind { GAUGE, SUM, HISTOGRAM, SUMMARY, EXPONENTIAL_HISTOGRAM, NONE }

    // ---------------------------------------------------------------- protobuf

    /**
     * Adds every data point of a protobuf {@code ExportMetricsServiceRequest} to {@code out}.
     *
     * @throws WireFormatException when the bytes are not such a request
     */
    public static void parseProtobuf(byte[] body, PointCollector out) {
        ProtoReader r = new ProtoReader(body);
        while (r.next()) {
            if (r.field() == 1) {
                resourceMetrics(r.message(), out);
            } else {
                r.skip();
            }
        }
    }

    private static void resourceMetrics(ProtoReader r, PointCollector out) {
        Map<String, String> resource = new LinkedHashMap<>();
        List<ProtoReader> scopes = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> {
                    ProtoReader res = r.message();
                    while (res.next()) {
                        if (res.field() == 1) {
                            keyValue(res.message(), resource);
                        } else {
                            res.skip();
                        }
                    }
                }
                case 2 -> scopes.add(r.message()); // the resource may come after its scopes
                default -> r.skip();
            }
        }
        for (ProtoReader scope : scopes) {
            while (scope.next()) {
                if (scope.field() == 2) {
                    metric(scope.message(), resource, out);
                } else {
                    scope.skip();
                }
            }
        }
    }

    private static void metric(ProtoReader r, Map<String, String> resource, PointCollector out) {
        String name = "";
        Kind kind = Kind.NONE;
        List<DataPoint> points = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = r.string();
                case 5, 7, 9, 10, 11 -> {
                    kind = switch (r.field()) {
                        case 5 -> Kind.GAUGE;
                        case 7 -> Kind.SUM;
                        case 9 -> Kind.HISTOGRAM;
                        case 10 -> Kind.EXPONENTIAL_HISTOGRAM;
                        default -> Kind.SUMMARY;
                    };
                    ProtoReader data = r.message();
                    while (data.next()) {
                        if (data.field() == 1) {
                            points.add(dataPoint(data.message(), kind));
                        } else {
                            data.skip();
                        }
                    }
                }
                default -> r.skip();
            }
        }
        emit(name, kind, points, resource, out);
    }

    private static DataPoint dataPoint(ProtoReader r, Kind kind) {
        DataPoint p = new DataPoint();
        List<Long> buckets = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        while (r.next()) {
            int f = r.field();
            if (f == 3) {
                p.timeNanos = r.fixed64();
            } else if (kind == Kind.GAUGE || kind == Kind.SUM) {
                switch (f) {
                    case 4 -> p.value = r.doubleValue();
                    case 6 -> p.value = (double) r.fixed64();
                    case 7 -> keyValue(r.message(), p.attributes);
                    case 8 -> p.flags = (int) r.varint();
                    default -> r.skip();
                }
            } else if (kind == Kind.HISTOGRAM) {
                switch (f) {
                    case 4 -> p.count = r.fixed64();
                    case 5 -> p.sum = r.doubleValue();
                    case 6 -> {
                        for (long v : r.fixed64s()) {
                            buckets.add(v);
                        }
                    }
                    case 7 -> {
                        for (long v : r.fixed64s()) {
                            bounds.add(Double.longBitsToDouble(v));
                        }
                    }
                    case 9 -> keyValue(r.message(), p.attributes);
                    case 10 -> p.flags = (int) r.varint();
                    default -> r.skip();
                }
            } else if (kind == Kind.SUMMARY) {
                switch (f) {
                    case 4 -> p.count = r.fixed64();
                    case 5 -> p.sum = r.doubleValue();
                    case 6 -> {
                        ProtoReader q = r.message();
                        double[] qv = new double[2];
                        while (q.next()) {
                            switch (q.field()) {
                                case 1 -> qv[0] = q.doubleValue();
                                case 2 -> qv[1] = q.doubleValue();
                                default -> q.skip();
                            }
                        }
                        p.quantiles.add(qv);
                    }
                    case 7 -> keyValue(r.message(), p.attributes);
                    case 8 -> p.flags = (int) r.varint();
                    default -> r.skip();
                }
            } else {
                r.skip();
            }
        }
        p.bucketCounts = buckets.stream().mapToLong(Long::longValue).toArray();
        p.bounds = bounds.stream().mapToDouble(Double::doubleValue).toArray();
        return p;
    }

    private static void keyValue(ProtoReader r, Map<String, String> into) {
        String key = "";
        String value = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> key = r.string();
                case 2 -> value = anyValue(r.message(), 0);
                default -> r.skip();
            }
        }
        if (value != null && !value.isEmpty()) {
            into.put(tagKey(key), value);
        }
    }

    private static String anyValue(ProtoReader r, int depth) {
        if (depth > MAX_VALUE_DEPTH) {
            throw new WireFormatException("an attribute value nests deeper than " + MAX_VALUE_DEPTH + " levels");
        }
        String value = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> value = r.string();
                case 2 -> value = Boolean.toString(r.varint() != 0);
                case 3 -> value = Long.toString(r.varint());
                case 4 -> value = number(r.doubleValue());
                case 5, 6 -> {
                    boolean kv = r.field() == 6;
                    ProtoReader list = r.message();
                    List<String> items = new ArrayList<>();
                    while (list.next()) {
                        if (list.field() == 1) {
                            if (kv) {
                                ProtoReader entry = list.message();
                                String k = "";
                                String v = "";
                                while (entry.next()) {
                                    switch (entry.field()) {
                                        case 1 -> k = entry.string();
                                        case 2 -> v = anyValue(entry.message(), depth + 1);
                                        default -> entry.skip();
                                    }
                                }
                                items.add(k + "=" + v);
                            } else {
                                items.add(anyValue(list.message(), depth + 1));
                            }
                        } else {
                            list.skip();
                        }
                    }
                    value = "[" + String.join(",", items) + "]";
                }
                case 7 -> value = Base64.getEncoder().encodeToString(r.bytes());
                default -> r.skip();
            }
        }
        return value;
    }

    // ---------------------------------------------------------------- JSON

    /**
     * Adds every data point of an {@code ExportMetricsServiceRequest} in protobuf's JSON mapping to {@code out}.
     *
     * @throws WireFormatException when the tree does not have that shape
     */
    public static void parseJson(JsonNode root, PointCollector out) {
        if (root == null || !root.isObject()) {
            throw new WireFormatException("the body must be a JSON object {\"resourceMetrics\": [...]}");
        }
        for (JsonNode rm : array(root, "resourceMetrics", "resource_metrics")) {
            Map<String, String> resource = new LinkedHashMap<>();
            JsonNode res = field(rm, "resource", "resource");
            if (res != null) {
                jsonAttributes(array(res, "attributes", "attributes"), resource);
            }
            for (JsonNode sm : array(rm, "scopeMetrics", "scope_metrics")) {
                for (JsonNode m : array(sm, "metrics", "metrics")) {
                    jsonMetric(m, resource, out);
                }
            }
        }
    }

    private static void jsonMetric(JsonNode m, Map<String, String> resource, PointCollector out) {
        JsonNode nameNode = field(m, "name", "name");
        String name = nameNode == null ? "" : nameNode.asText();
        Kind kind = Kind.NONE;
        JsonNode data = null;
        String[][] kinds = {{"gauge", "gauge"}, {"sum", "sum"}, {"histogram", "histogram"},
            {"summary", "summary"}, {"exponentialHistogram", "exponential_histogram"}};
        Kind[] kindOf = {Kind.GAUGE, Kind.SUM, Kind.HISTOGRAM, Kind.SUMMARY, Kind.EXPONENTIAL_HISTOGRAM};
        for (int k = 0; k < kinds.length; k++) {
            JsonNode d = field(m, kinds[k][0], kinds[k][1]);
            if (d != null) {
                kind = kindOf[k];
                data = d;
            }
        }
        List<DataPoint> points = new ArrayList<>();
        if (data != null) {
            for (JsonNode dp : array(data, "dataPoints", "data_points")) {
                points.add(jsonDataPoint(dp, kind));
            }
        }
        emit(name, kind, points, resource, out);
    }

    private static DataPoint jsonDataPoint(JsonNode dp, Kind kind) {
        if (!dp.isObject()) {
            throw new WireFormatException("a data point must be an object");
        }
        DataPoint p = new DataPoint();
        jsonAttributes(array(dp, "attributes", "attributes"), p.attributes);
        p.timeNanos = jsonLong(field(dp, "timeUnixNano", "time_unix_nano"), "timeUnixNano");
        p.flags = (int) jsonLong(field(dp, "flags", "flags"), "flags");
        JsonNode asDouble = field(dp, "asDouble", "as_double");
        JsonNode asInt = field(dp, "asInt", "as_int");
        if (asDouble != null) {
            p.value = jsonDouble(asDouble, "asDouble");
        } else if (asInt != null) {
            p.value = (double) jsonLong(asInt, "asInt");
        }
        p.count = jsonLong(field(dp, "count", "count"), "count");
        JsonNode sum = field(dp, "sum", "sum");
        if (sum != null) {
            p.sum = jsonDouble(sum, "sum");
        }
        List<JsonNode> buckets = array(dp, "bucketCounts", "bucket_counts");
        p.bucketCounts = new long[buckets.size()];
        for (int k = 0; k < buckets.size(); k++) {
            p.bucketCounts[k] = jsonLong(buckets.get(k), "bucketCounts");
        }
        List<JsonNode> bounds = array(dp, "explicitBounds", "explicit_bounds");
        p.bounds = new double[bounds.size()];
        for (int k = 0; k < bounds.size(); k++) {
            p.bounds[k] = jsonDouble(bounds.get(k), "explicitBounds");
        }
        for (JsonNode q : array(dp, "quantileValues", "quantile_values")) {
            p.quantiles.add(new double[] {jsonDouble(field(q, "quantile", "quantile"), "quantile"),
                jsonDouble(field(q, "value", "value"), "value")});
        }
        return p;
    }

    private static void jsonAttributes(List<JsonNode> attributes, Map<String, String> into) {
        for (JsonNode kv : attributes) {
            JsonNode key = field(kv, "key", "key");
            String value = jsonAnyValue(field(kv, "value", "value"), 0);
            if (key != null && value != null && !value.isEmpty()) {
                into.put(tagKey(key.asText()), value);
            }
        }
    }

    private static String jsonAnyValue(JsonNode v, int depth) {
        if (v == null || !v.isObject()) {
            return null;
        }
        if (depth > MAX_VALUE_DEPTH) {
            throw new WireFormatException("an attribute value nests deeper than " + MAX_VALUE_DEPTH + " levels");
        }
        JsonNode s = field(v, "stringValue", "string_value");
        if (s != null) {
            return s.asText();
        }
        JsonNode b = field(v, "boolValue", "bool_value");
        if (b != null) {
            return Boolean.toString(b.asBoolean());
        }
        JsonNode i = field(v, "intValue", "int_value");
        if (i != null) {
            return Long.toString(jsonLong(i, "intValue"));
        }
        JsonNode d = field(v, "doubleValue", "double_value");
        if (d != null) {
            return number(jsonDouble(d, "doubleValue"));
        }
        JsonNode bytes = field(v, "bytesValue", "bytes_value");
        if (bytes != null) {
            return bytes.asText();
        }
        JsonNode arr = field(v, "arrayValue", "array_value");
        if (arr != null) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : array(arr, "values", "values")) {
                items.add(jsonAnyValue(item, depth + 1));
            }
            return "[" + String.join(",", items.stream().map(String::valueOf).toList()) + "]";
        }
        JsonNode kvs = field(v, "kvlistValue", "kvlist_value");
        if (kvs != null) {
            List<String> items = new ArrayList<>();
            for (JsonNode kv : array(kvs, "values", "values")) {
                JsonNode key = field(kv, "key", "key");
                items.add((key == null ? "" : key.asText()) + "=" + jsonAnyValue(field(kv, "value", "value"),
                        depth + 1));
            }
            return "[" + String.join(",", items) + "]";
        }
        return null;
    }

    private static JsonNode field(JsonNode node, String camel, String snake) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode v = node.get(camel);
        if (v == null) {
            v = node.get(snake);
        }
        return v == null || v.isNull() ? null : v;
    }

    private static List<JsonNode> array(JsonNode node, String camel, String snake) {
        JsonNode a = field(node, camel, snake);
        if (a == null) {
            return List.of();
        }
        if (!a.isArray()) {
            throw new WireFormatException("'" + camel + "' must be an array");
        }
        List<JsonNode> items = new ArrayList<>(a.size());
        a.forEach(items::add);
        return items;
    }

    /** int64/fixed64 in protobuf JSON: a number or a decimal string. */
    private static long jsonLong(JsonNode n, String what) {
        if (n == null) {
            return 0;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText());
            } catch (NumberFormatException e) {
                try {
                    return Long.parseUnsignedLong(n.asText());
                } catch (NumberFormatException e2) {
                    throw new WireFormatException("'" + what + "' value '" + abbreviate(n.asText())
                            + "' is not an integer");
                }
            }
        }
        throw new WireFormatException("'" + what + "' must be an integer or a string holding one");
    }

    /** double in protobuf JSON: a number, or "NaN", "Infinity", "-Infinity" or a decimal string. */
    private static double jsonDouble(JsonNode n, String what) {
        if (n == null) {
            throw new WireFormatException("'" + what + "' is missing");
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            switch (n.asText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return new BigDecimal(n.asText()).doubleValue();
                    } catch (NumberFormatException e) {
                        throw new WireFormatException("'" + what + "' value '" + abbreviate(n.asText())
                                + "' is not a number");
                    }
            }
        }
        throw new WireFormatException("'" + what + "' must be a number");
    }

    // ---------------------------------------------------------------- mapping

    private static void emit(String rawName, Kind kind, List<DataPoint> points, Map<String, String> resource,
                             PointCollector out) {
        String name = metricName(rawName);
        for (int k = 0; k < points.size(); k++) {
            DataPoint p = points.get(k);
            String where = "metric '" + abbreviate(rawName) + "' point " + k;
            if ((p.flags & NO_RECORDED_VALUE) != 0) {
                continue;
            }
            Map<String, String> tags = new LinkedHashMap<>(resource);
            tags.putAll(p.attributes);
            if (p.timeNanos <= 0) {
                out.reject(where, "time_unix_nano is missing");
                continue;
            }
            long millis = Math.floorDiv(p.timeNanos, 1_000_000L);
            switch (kind) {
                case GAUGE, SUM -> {
                    if (p.value == null) {
                        out.reject(where, "the data point has no value");
                    } else {
                        out.add(where, name, tags, millis, p.value);
                    }
                }
                case HISTOGRAM -> histogram(where, name, tags, millis, p, out);
                case SUMMARY -> {
                    for (double[] q : p.quantiles) {
                        Map<String, String> qt = new LinkedHashMap<>(tags);
                        qt.put("quantile", number(q[0]));
                        out.add(where + " quantile " + number(q[0]), name, qt, millis, q[1]);
                    }
                    if (p.sum != null) {
                        out.add(where + " sum", name + "_sum", tags, millis, p.sum);
                    }
                    out.add(where + " count", name + "_count", tags, millis, p.count);
                }
                case EXPONENTIAL_HISTOGRAM -> out.reject(where, "exponential histograms cannot be stored; use "
                        + "explicit-bucket histograms");
                default -> out.reject(where, "the metric has no gauge, sum, histogram or summary");
            }
        }
    }

    private static void histogram(String where, String name, Map<String, String> tags, long millis, DataPoint p,
                                  PointCollector out) {
        if (p.bucketCounts.length != 0 && p.bucketCounts.length != p.bounds.length + 1) {
            out.reject(where, "the histogram has " + p.bucketCounts.length + " bucket counts for "
                    + p.bounds.length + " bounds; expected " + (p.bounds.length + 1));
            return;
        }
        if (p.bucketCounts.length > 0) {
            long cumulative = 0;
            for (int b = 0; b < p.bucketCounts.length; b++) {
                cumulative += p.bucketCounts[b];
                String le = b < p.bounds.length ? number(p.bounds[b]) : "+Inf";
                Map<String, String> bt = new LinkedHashMap<>(tags);
                bt.put("le", le);
                out.add(where + " bucket le=" + le, name + "_bucket", bt, millis, cumulative);
            }
        }
        if (p.sum != null) {
            out.add(where + " sum", name + "_sum", tags, millis, p.sum);
        }
        out.add(where + " count", name + "_count", tags, millis, p.count);
    }

    /** A metric name with characters sentry's names cannot hold replaced by {@code _}. */
    static String metricName(String name) {
        if (name.isEmpty()) {
            return name;
        }
        StringBuilder b = new StringBuilder(name.length() + 1);
        if (!Character.isLetter(name.charAt(0)) && name.charAt(0) != '_') {
            b.append('_');
        }
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '.' || c == ':' || c == '-';
            b.append(ok ? c : '_');
        }
        return b.toString();
    }

    /** An attribute key as a tag key: every character outside {@code [a-zA-Z0-9_]} becomes {@code _}. */
    static String tagKey(String key) {
        if (key.isEmpty()) {
            return key;
        }
        StringBuilder b = new StringBuilder(key.length() + 1);
        if (key.charAt(0) >= '0' && key.charAt(0) <= '9') {
            b.append('_');
        }
        for (int k = 0; k < key.length(); k++) {
            char c = key.charAt(k);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            b.append(ok ? c : '_');
        }
        return b.toString();
    }

    /** A bound or quantile as Prometheus writes it: {@code 0.005}, {@code 10}, {@code +Inf}. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
