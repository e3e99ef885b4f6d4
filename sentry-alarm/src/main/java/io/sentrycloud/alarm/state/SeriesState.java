package io.sentrycloud.alarm.state;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The current state of one series under one rule.
 *
 * @param ruleId        the rule
 * @param tags          the series' tags ({@link #RULE_SCOPE} for the rule's own query error state)
 * @param state         where it stands
 * @param since         epoch seconds of the last transition
 * @param pendingSince  epoch seconds the current breach began (for {@code for}), 0 when not breaching
 * @param value         the last value seen
 * @param valueAt       epoch seconds of that value
 * @param history       compare rules: the last history average, else NaN
 * @param compare       compare rules: the last compared value, else NaN
 * @param notifiedAt    epoch seconds of the last notification in the current state, 0 when not notified yet
 * @param detail        the last evaluation's explanation (or the query error)
 */
public record SeriesState(long ruleId, SortedMap<String, String> tags, AlertState state, long since,
                          long pendingSince, double value, long valueAt, double history, double compare,
                          long notifiedAt, String detail) {

    /** The tags of a rule's own state (its query failing); no ingested series has this tag key. */
    public static final Map<String, String> RULE_SCOPE = Map.of("__rule__", "query");

    public SeriesState {
        tags = new TreeMap<>(tags);
        Objects.requireNonNull(state, "state");
        detail = Objects.requireNonNullElse(detail, "");
    }

    /** The series' identity within its rule: {@code k=v,k=v} in key order. */
    public String key() {
        return key(tags);
    }

    public static String key(Map<String, String> tags) {
        var sb = new StringBuilder();
        new TreeMap<>(tags).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    public boolean ruleScope() {
        return tags.equals(RULE_SCOPE);
    }

    public SeriesState withNotifiedAt(long at) {
        return new SeriesState(ruleId, tags, state, since, pendingSince, value, valueAt, history, compare, at,
                detail);
    }
}
