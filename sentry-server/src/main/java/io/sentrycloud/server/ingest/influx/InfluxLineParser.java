package io.sentrycloud.server.ingest.influx;

import io.sentrycloud.server.ingest.PointCollector;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * InfluxDB line protocol: {@code measurement[,tag=value...] field=value[,field=value...] [timestamp]}, one point
 * per line. Each numeric or boolean field becomes a point of metric {@code measurement.field} with the line's tags;
 * booleans store as 1/0. String fields cannot be stored: each is refused and counted on its own, the line's other
 * fields are kept. A line that does not parse is refused as a whole, naming the line and what was expected.
 *
 * <p>Escaping as InfluxDB: in the measurement {@code \,} and {@code \ }; in tag keys, tag values and field keys
 * also {@code \=}; in string field values {@code \"} and {@code \\}. A backslash before any other character is
 * kept. Blank lines and lines starting with {@code #} are skipped.
 */
public final class InfluxLineParser {

    /** The {@code precision} of line timestamps. */
    public enum Precision {
        NS(1_000_000, true), US(1_000, true), MS(1, false), S(1_000, false), M(60_000, false), H(3_600_000, false);

        private final long factor;
        private final boolean divides;

        Precision(long factor, boolean divides) {
            this.factor = factor;
            this.divides = divides;
        }

        /**
         * Parses a {@code precision} parameter: {@code ns, us, ms, s} (v2), also {@code n, u, m, h} (v1).
         *
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Precision parse(String text, boolean v1) {
            if (text == null || text.isEmpty()) {
                return NS;
            }
            String p = text.toLowerCase(Locale.ROOT);
            switch (p) {
                case "ns":
                    return NS;
                case "us":
                    return US;
                case "ms":
                    return MS;
                case "s":
                    return S;
                default:
                    break;
            }
            if (v1) {
                switch (p) {
                    case "n":
                        return NS;
                    case "u":
                    case "µ":
                        return US;
                    case "m":
                        return M;
                    case "h":
                        return H;
                    default:
                        break;
                }
            }
            throw new IllegalArgumentException("precision '" + text + "' is not one of "
                    + (v1 ? "n, ns, u, us, ms, s, m, h" : "ns, us, ms, s"));
        }

        long toMillis(long t) {
            return divides ? Math.floorDiv(t, factor) : Math.multiplyExact(t, factor);
        }
    }

    /**
     * What a body held besides its points.
     *
     * @param lines          lines that were not blank or comments
     * @param refusedStrings string fields refused (each also counted as a rejected point)
     */
    public record Result(int lines, int refusedStrings) {
    }

    private InfluxLineParser() {
    }

    /** Adds every field of every line of {@code body} to {@code out}; lines without a timestamp get {@code now}. */
    public static Result parse(String body, Precision precision, long nowMillis, PointCollector out) {
        int lines = 0;
        int strings = 0;
        int lineNo = 0;
        int pos = 0;
        int n = body.length();
        while (pos <= n) {
            int eol = body.indexOf('\n', pos);
            if (eol < 0) {
                eol = n;
            }
            lineNo++;
            int end = eol > pos && body.charAt(eol - 1) == '\r' ? eol - 1 : eol;
            int start = pos;
            while (start < end && (body.charAt(start) == ' ' || body.charAt(start) == '\t')) {
                start++;
            }
            if (start < end && body.charAt(start) != '#') {
                lines++;
                strings += new Line(body, start, end, lineNo).parse(precision, nowMillis, out);
            }
            pos = eol + 1;
        }
        return new Result(lines, strings);
    }

    /** The cursor over one line; methods throw {@link Syntax} at the first thing that does not fit. */
    private static final class Line {
        private final String s;
        private final int end;
        private final int lineNo;
        private int i;

        Line(String s, int start, int end, int lineNo) {
            this.s = s;
            this.i = start;
            this.end = end;
            this.lineNo = lineNo;
        }

        /** Returns how many string fields were refused. */
        int parse(Precision precision, long nowMillis, PointCollector out) {
            String where = "line " + lineNo;
            String measurement;
            Map<String, String> tags = new LinkedHashMap<>();
            Map<String, String> rawFields = new LinkedHashMap<>();
            long timestamp;
            try {
                measurement = token(true, false);
                if (measurement.isEmpty()) {
                    throw new Syntax("the measurement name is missing");
                }
                while (i < end && s.charAt(i) == ',') {
                    i++;
                    String key = token(false, true);
                    expect('=', "'=' after tag key '" + key + "'");
                    String value = token(false, true);
                    if (key.isEmpty() || value.isEmpty()) {
                        throw new Syntax("tag " + (key.isEmpty() ? "key" : "'" + key + "' value") + " is empty");
                    }
                    tags.put(key, value);
                }
                skipSpaces("a space and the fields after the measurement and tags");
                do {
                    if (!rawFields.isEmpty()) {
                        i++; // the comma
                    }
                    String key = token(false, true);
                    if (key.isEmpty()) {
                        throw new Syntax("a field key is empty");
                    }
                    expect('=', "'=' after field key '" + key + "'");
                    rawFields.put(key, fieldValue(key));
                } while (i < end && s.charAt(i) == ',');
                timestamp = nowMillis;
                if (i < end) {
                    skipSpaces("a space before the timestamp");
                    timestamp = timestamp(precision);
                }
            } catch (Syntax e) {
                out.reject(where, e.getMessage());
                return 0;
            }
            int strings = 0;
            for (var f : rawFields.entrySet()) {
                String fieldWhere = where + " field '" + f.getKey() + "'";
                String raw = f.getValue();
                String metric = measurement + "." + f.getKey();
                if (raw.startsWith("\"")) {
                    out.reject(fieldWhere, "string values cannot be stored; only numbers and booleans are");
                    strings++;
                    continue;
                }
                double value;
                try {
                    value = number(raw);
                } catch (Syntax e) {
                    out.reject(fieldWhere, e.getMessage());
                    continue;
                }
                out.add(fieldWhere, metric, tags, timestamp, value);
            }
            return strings;
        }

        /** A measurement, tag key, tag value or field key up to an unescaped separator. */
        private String token(boolean measurement, boolean stopAtEquals) {
            StringBuilder b = null;
            int from = i;
            while (i < end) {
                char c = s.charAt(i);
                if (c == ',' || c == ' ' || (stopAtEquals && c == '=')) {
                    break;
                }
                if (c == '\\' && i + 1 < end) {
                    char next = s.charAt(i + 1);
                    if (next == ',' || next == ' ' || (!measurement && next == '=')) {
                        if (b == null) {
                            b = new StringBuilder().append(s, from, i);
                        }
                        b.append(next);
                        i += 2;
                        continue;
                    }
                }
                if (b != null) {
                    b.append(c);
                }
                i++;
            }
            return b == null ? s.substring(from, i) : b.toString();
        }

        /** A field value as written: a quoted string (quotes kept), or the bare token up to ',' or ' '. */
        private String fieldValue(String key) {
            if (i < end && s.charAt(i) == '"') {
                int from = i++;
                while (i < end) {
                    char c = s.charAt(i);
                    if (c == '\\' && i + 1 < end) {
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        i++;
                        return s.substring(from, i);
                    }
                    i++;
                }
                throw new Syntax("the string value of field '" + key + "' has no closing quote");
            }
            int from = i;
            while (i < end && s.charAt(i) != ',' && s.charAt(i) != ' ') {
                i++;
            }
            if (from == i) {
                throw new Syntax("field '" + key + "' has no value");
            }
            return s.substring(from, i);
        }

        private long timestamp(Precision precision) {
            int from = i;
            while (i < end && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                i++;
            }
            String text = s.substring(from, i);
            while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            if (i < end) {
                throw new Syntax("unexpected text after the timestamp: '" + abbreviate(s.substring(i, end)) + "'");
            }
            long t;
            try {
                t = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new Syntax("timestamp '" + abbreviate(text) + "' is not an integer");
            }
            try {
                return precision.toMillis(t);
            } catch (ArithmeticException e) {
                throw new Syntax("timestamp " + text + " is out of range at precision "
                        + precision.name().toLowerCase(Locale.ROOT));
            }
        }

        private void expect(char c, String what) {
            if (i >= end || s.charAt(i) != c) {
                throw new Syntax("expected " + what + (i >= end ? " but the line ended"
                        : " at column " + (i + 1)));
            }
            i++;
        }

        private void skipSpaces(String what) {
            if (i >= end || s.charAt(i) != ' ') {
                throw new Syntax("expected " + what + (i >= end ? " but the line ended" : ", got '" + s.charAt(i)
                        + "'"));
            }
            while (i < end && s.charAt(i) == ' ') {
                i++;
            }
            if (i >= end) {
                throw new Syntax("expected " + what + " but the line ended");
            }
        }
    }

    /** A number as line protocol writes it: float, {@code 12i}, {@code 12u}, or a boolean. */
    static double number(String raw) {
        switch (raw) {
            case "t": case "T": case "true": case "True": case "TRUE":
                return 1;
            case "f": case "F": case "false": case "False": case "FALSE":
                return 0;
            default:
                break;
        }
        char last = raw.charAt(raw.length() - 1);
        if (last == 'i' || last == 'u') {
            String digits = raw.substring(0, raw.length() - 1);
            try {
                if (last == 'u') {
                    if (digits.startsWith("-")) {
                        throw new NumberFormatException();
                    }
                    return Double.parseDouble(Long.toUnsignedString(Long.parseUnsignedLong(digits)));
                }
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new Syntax("'" + abbreviate(raw) + "' is not " + (last == 'i' ? "an integer" : "an unsigned"
                        + " integer"));
            }
        }
        for (int k = 0; k < raw.length(); k++) {
            char c = raw.charAt(k);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                throw new Syntax("'" + abbreviate(raw) + "' is not a number, an integer (12i) or a boolean");
            }
        }
        try {
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new Syntax("'" + abbreviate(raw) + "' is not a number, an integer (12i) or a boolean");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** A line that does not parse; cheap, expected on bad input. */
    private static final class Syntax extends RuntimeException {
        Syntax(String message) {
            super(message, null, false, false);
        }
    }
}
