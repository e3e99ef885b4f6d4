package io.sentrycloud.server.meta.alarm;

import java.util.Map;
import java.util.TreeMap;

/**
 * Mutes notifications between {@code starts} and {@code ends} (epoch ms) for alerts of one rule
 * ({@code ruleId}, or every rule when null) whose tags carry all of {@code matchers}.
 */
public record Silence(long id, Long ruleId, Map<String, String> matchers, long starts, long ends, String comment,
                      String createdBy, long version, long created, long updated) {

    public Silence {
        matchers = new TreeMap<>(matchers);
    }

    /** Whether this silence mutes an alert of {@code rule} with {@code tags} at {@code now}. */
    public boolean mutes(long rule, Map<String, String> tags, long now) {
        if (now < starts || now >= ends || (ruleId != null && ruleId != rule)) {
            return false;
        }
        return matchers.entrySet().stream().allMatch(m -> m.getValue().equals(tags.get(m.getKey())));
    }
}
