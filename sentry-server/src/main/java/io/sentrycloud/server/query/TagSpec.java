package io.sentrycloud.server.query;

import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.tsdb.TagFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code tags} object of a query request, split the way the original splits it: filters every series must
 * pass, the star keys ({@code *} or {@code prefix*}) whose values are enumerated, and the fixed tags echoed back
 * in answers (everything but the star keys, as written).
 *
 * @param filters  conditions on tags, all of which must hold
 * @param starKeys keys written with {@code *} or {@code prefix*}, in key order
 * @param prefixes each star key's prefix ("" for a bare {@code *})
 * @param fixed    the other tags exactly as the request wrote them
 */
public record TagSpec(List<TagFilter> filters, List<String> starKeys, Map<String, String> prefixes,
                      Map<String, String> fixed) {

    static final String NOT_EQUAL_MARK = "!=";

    /**
     * Parses a request's tags.
     *
     * @throws ApiException code 13 past {@code maxTags}, code 4 for empty keys or values, code 8 for a {@code *} key
     */
    public static TagSpec parse(Map<String, String> tags, int maxTags) {
        if (tags == null) {
            tags = Map.of();
        }
        if (tags.size() > maxTags) {
            throw ApiException.badRequest(ApiCode.TOO_MANY_TAGS, "the query has " + tags.size()
                    + " tags; at most " + maxTags + " are allowed (ingest.max_tags)");
        }
        List<TagFilter> filters = new ArrayList<>();
        List<String> starKeys = new ArrayList<>();
        Map<String, String> prefixes = new LinkedHashMap<>();
        Map<String, String> fixed = new TreeMap<>();
        for (var e : new TreeMap<>(tags).entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key.isEmpty() || value == null || value.isEmpty()) {
                throw ApiException.badRequest(ApiCode.INVALID_PARAMETER, "tag '" + key
                        + "' has an empty key or value; use '*' to match any value");
            }
            if (key.contains("*")) {
                throw ApiException.badRequest(ApiCode.STAR_KEYS, "tag key '" + key + "' contains '*'; only tag "
                        + "values may be '*' or 'prefix*'");
            }
            if (key.startsWith(NOT_EQUAL_MARK)) {
                String realKey = key.substring(NOT_EQUAL_MARK.length());
                if (realKey.isEmpty()) {
                    throw ApiException.badRequest(ApiCode.INVALID_PARAMETER, "tag key '!=' names no tag");
                }
                List<String> values = Arrays.stream(value.split("\\|\\|")).filter(s -> !s.isEmpty()).toList();
                filters.add(TagFilter.notEqual(realKey, values));
                fixed.put(key, value);
            } else if (value.endsWith("*") && !value.startsWith("~")) {
                String prefix = value.substring(0, value.length() - 1);
                filters.add(prefix.isEmpty() ? TagFilter.parse(key, "*")
                        : new TagFilter(key, TagFilter.Kind.REGEX, List.of(Pattern.quote(prefix) + ".*"),
                        Pattern.compile(Pattern.quote(prefix) + ".*", Pattern.DOTALL)));
                starKeys.add(key);
                prefixes.put(key, prefix);
            } else {
                try {
                    filters.add(TagFilter.parse(key, value));
                } catch (RuntimeException ex) { // a bad ~regex
                    throw ApiException.badRequest(ApiCode.INVALID_PARAMETER, "tag '" + key + "': "
                            + ex.getMessage());
                }
                fixed.put(key, value);
            }
        }
        return new TagSpec(filters, starKeys, prefixes, fixed);
    }
}
