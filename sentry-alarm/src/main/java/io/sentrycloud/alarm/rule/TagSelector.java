package io.sentrycloud.alarm.rule;

import io.sentrycloud.tsdb.TagFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code tags} of a rule's data source, read as the original reads them: a value ending in {@code *} (a bare
 * {@code *} or {@code prefix*}) expands to every matching series, a value {@code a||b} splits into one series per
 * alternative, {@code ~regex} matches by regular expression, a key {@code !=k} excludes values, anything else is
 * an exact value.
 *
 * @param tags     the tags as written
 * @param filters  the conditions every series must pass
 * @param groupBy  the keys whose values tell series apart (the {@code *} and {@code ||} keys), sorted
 * @param fixed    the exact-value tags, which every series of the rule shares
 */
public record TagSelector(Map<String, String> tags, List<TagFilter> filters, List<String> groupBy,
                          Map<String, String> fixed) {

    private static final String NOT_EQUAL_MARK = "!=";

    public TagSelector {
        tags = Map.copyOf(tags);
        filters = List.copyOf(filters);
        groupBy = List.copyOf(groupBy);
        fixed = Map.copyOf(fixed);
    }

    /** Parses a data source's tags; {@code null} means no tag condition. */
    public static TagSelector parse(Map<String, String> tags) {
        Map<String, String> sorted = new TreeMap<>(tags == null ? Map.of() : tags);
        List<TagFilter> filters = new ArrayList<>();
        Set<String> groupBy = new LinkedHashSet<>();
        Map<String, String> fixed = new TreeMap<>();
        for (var e : sorted.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key.isEmpty() || value == null || value.isEmpty()) {
                throw new InvalidRuleException("data_source.tags: tag '" + key + "' has an empty key or value; use"
                        + " '*' to match any value");
            }
            if (key.contains("*")) {
                throw new InvalidRuleException("data_source.tags: key '" + key + "' contains '*'; only values may");
            }
            if (key.startsWith(NOT_EQUAL_MARK)) {
                String realKey = key.substring(NOT_EQUAL_MARK.length());
                if (realKey.isEmpty()) {
                    throw new InvalidRuleException("data_source.tags: key '!=' names no tag");
                }
                filters.add(TagFilter.notEqual(realKey,
                        Arrays.stream(value.split("\\|\\|")).filter(s -> !s.isEmpty()).toList()));
            } else if (value.endsWith("*") && !value.startsWith("~")) {
                String prefix = value.substring(0, value.length() - 1);
                filters.add(prefix.isEmpty() ? TagFilter.parse(key, "*")
                        : new TagFilter(key, TagFilter.Kind.REGEX, List.of(Pattern.quote(prefix) + ".*"),
                        Pattern.compile(Pattern.quote(prefix) + ".*", Pattern.DOTALL)));
                groupBy.add(key);
            } else {
                TagFilter f;
                try {
                    f = TagFilter.parse(key, value.trim().contains("||") ? value.replace(" ", "") : value);
                } catch (RuntimeException ex) {
                    throw new InvalidRuleException("data_source.tags: tag '" + key + "': " + ex.getMessage());
                }
                filters.add(f);
                if (f.kind() == TagFilter.Kind.EXACT) {
                    fixed.put(key, value);
                } else {
                    groupBy.add(key);
                }
            }
        }
        List<String> keys = new ArrayList<>(groupBy);
        keys.sort(null);
        return new TagSelector(sorted, filters, keys, fixed);
    }

    /** Whether the selector names more than one series (a {@code *}, {@code ||}, {@code ~} or {@code !=} tag). */
    public boolean expands() {
        return !groupBy.isEmpty() || filters.stream().anyMatch(f -> f.kind() == TagFilter.Kind.NOT_EQUAL);
    }

    /** The keys written with {@code *}. */
    public List<String> starKeys() {
        return tags.entrySet().stream()
                .filter(e -> e.getValue().endsWith("*") && !e.getValue().startsWith("~"))
                .map(Map.Entry::getKey).sorted().toList();
    }
}
