package io.sentrycloud.tsdb;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A condition on one tag of a series, written the way the original sentry's API writes it:
 * <ul>
 *   <li>{@code "*"} — the tag exists, any value;</li>
 *   <li>{@code "a||b"} — the value is one of the alternatives;</li>
 *   <li>{@code "~regex"} — the value matches the (anchored) regular expression;</li>
 *   <li>anything else — the value equals it exactly.</li>
 * </ul>
 * {@link Kind#NOT_EQUAL} has no expression syntax of its own: the original API marks it on the key ({@code "!=host"}),
 * so callers build it with {@link #notEqual}. A series lacking the tag passes a not-equal filter.
 */
public record TagFilter(String key, Kind kind, List<String> values, Pattern pattern) {

    public enum Kind { EXACT, ANY_OF, WILDCARD, REGEX, NOT_EQUAL }

    public TagFilter {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        values = List.copyOf(values);
    }

    /** Parses one filter expression; see the class comment for the syntax. */
    public static TagFilter parse(String key, String expression) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("tag filter key is empty");
        }
        if (expression == null || expression.isEmpty()) {
            throw new IllegalArgumentException("tag filter '" + key + "' has an empty value");
        }
        if (expression.equals("*")) {
            return new TagFilter(key, Kind.WILDCARD, List.of(), null);
        }
        if (expression.startsWith("~")) {
            return new TagFilter(key, Kind.REGEX, List.of(expression.substring(1)),
                    Pattern.compile(expression.substring(1)));
        }
        if (expression.contains("||")) {
            List<String> alternatives = Arrays.stream(expression.split("\\|\\|"))
                    .filter(s -> !s.isEmpty()).distinct().toList();
            return new TagFilter(key, Kind.ANY_OF, alternatives, null);
        }
        return new TagFilter(key, Kind.EXACT, List.of(expression), null);
    }

    public static TagFilter exact(String key, String value) {
        return new TagFilter(key, Kind.EXACT, List.of(value), null);
    }

    /** The value is none of {@code values}; a series without the tag passes. */
    public static TagFilter notEqual(String key, List<String> values) {
        return new TagFilter(key, Kind.NOT_EQUAL, values, null);
    }

    /** Whether a tag value (null when the series lacks the tag) passes this filter. */
    public boolean matches(String value) {
        if (value == null) {
            return kind == Kind.NOT_EQUAL;
        }
        return switch (kind) {
            case WILDCARD -> true;
            case EXACT -> values.get(0).equals(value);
            case ANY_OF -> values.contains(value);
            case REGEX -> pattern.matcher(value).matches();
            case NOT_EQUAL -> !values.contains(value);
        };
    }

    /** Whether a series passes this filter. */
    public boolean matches(SeriesKey series) {
        return matches(series.tag(key));
    }
}
