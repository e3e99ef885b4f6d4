package io.sentrycloud.server.storage.victoriametrics;

import io.sentrycloud.tsdb.TagFilter;
import java.util.List;

/**
 * Turns a metric and sentry tag filters into a MetricsQL series selector for {@code match[]}:
 * exact → {@code k="v"}, {@code a||b} → {@code k=~"a|b"} with every alternative's regex characters quoted,
 * {@code *} → {@code k=~".+"} (the tag exists), {@code ~re} → {@code k=~"re"}, not-equal → {@code k!="v"} or
 * {@code k!~"a|b"} (which, as in sentry, also passes series without the tag).
 *
 * <p>VictoriaMetrics' regular expressions are Go's RE2, sentry's are Java's; the store re-checks every exported
 * series against the Java filters, so a selector only has to select at least what sentry would.
 */
final class SeriesSelector {

    private SeriesSelector() {
    }

    static String of(String metric, List<TagFilter> filters) {
        return of(metric, filters, false);
    }

    /** As {@link #of(String, List)}; {@code looseRegex} selects any value for regex filters (RE2 refused one). */
    static String of(String metric, List<TagFilter> filters, boolean looseRegex) {
        StringBuilder sb = new StringBuilder("{__name__=").append(quote(metric));
        for (TagFilter f : filters) {
            sb.append(',').append(labelName(f.key()));
            switch (f.kind()) {
                case EXACT -> sb.append('=').append(quote(f.values().get(0)));
                case ANY_OF -> sb.append("=~").append(quote(alternation(f.values())));
                case WILDCARD -> sb.append("=~").append(quote(".+"));
                case REGEX -> sb.append("=~").append(quote(looseRegex ? ".+" : f.values().get(0)));
                case NOT_EQUAL -> {
                    if (f.values().size() == 1) {
                        sb.append("!=").append(quote(f.values().get(0)));
                    } else {
                        sb.append("!~").append(quote(alternation(f.values())));
                    }
                }
            }
        }
        return sb.append('}').toString();
    }

    /** {@code a|b|...} with each value's RE2 metacharacters escaped, so each matches only itself. */
    static String alternation(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (!sb.isEmpty()) {
                sb.append('|');
            }
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                    sb.append('\\');
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A MetricsQL string literal: double quotes, with backslash and double quote escaped. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** A label name as a MetricsQL identifier: every character outside {@code [A-Za-z_]} (digits too, when first) escaped. */
    static String labelName(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && c >= '0' && c <= '9';
            if (!plain) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
