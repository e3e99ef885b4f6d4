package io.sentrycloud.sdk.json;

import io.sentrycloud.sdk.MetricPoint;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes points as the original agent and SDK do: a compact JSON array of
 * {@code {"metric":..,"tags":{..},"timestamp":..,"value":..}} objects, fields in that order, numbers formatted like
 * Go's {@code encoding/json} ({@code 42}, {@code 42.5}, {@code 1e+21}, {@code 1e-07}).
 */
public final class PointJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PointJson() {
    }

    /** The UTF-8 JSON array of {@code points}. */
    public static byte[] encode(List<MetricPoint> points) {
        StringBuilder sb = new StringBuilder(points.size() * 96 + 2);
        sb.append('[');
        for (int i = 0; i < points.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            append(sb, points.get(i));
        }
        sb.append(']');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends one point object. */
    public static void append(StringBuilder sb, MetricPoint p) {
        sb.append("{\"metric\":");
        string(sb, p.metric());
        sb.append(",\"tags\":{");
        boolean first = true;
        for (Map.Entry<String, String> t : p.tags().entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, t.getKey());
            sb.append(':');
            string(sb, t.getValue());
        }
        sb.append("},\"timestamp\":").append(p.timestamp()).append(",\"value\":");
        number(sb, p.value());
        sb.append('}');
    }

    /** A JSON string literal: quotes, backslash and control characters escaped, everything else as is. */
    public static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15])
                                .append(HEX[c >> 4 & 15]).append(HEX[c & 15]);
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    /**
     * A finite double the way Go's {@code encoding/json} writes a float64: the shortest decimal that reads back to
     * the same value, plain between 1e-6 and 1e21, otherwise with an exponent of at least two digits.
     */
    public static void number(StringBuilder sb, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("JSON has no representation of " + v);
        }
        if (v == 0) {
            sb.append('0');
            return;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
            return;
        }
        BigDecimal d = shortest(v);
        double abs = Math.abs(v);
        if (abs >= 1e-6 && abs < 1e21) {
            sb.append(d.toPlainString());
            return;
        }
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        if (v < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        if (e < 10) {
            sb.append('0');
        }
        sb.append(e);
    }

    /**
     * The decimal with the fewest significant digits that reads back as {@code v} (Java 17's Double.toString is not
     * always the shortest; Go's is): the exact value rounded to 1, 2, ... 17 digits, the first that round-trips.
     */
    private static BigDecimal shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal r = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == v) {
                return r.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
