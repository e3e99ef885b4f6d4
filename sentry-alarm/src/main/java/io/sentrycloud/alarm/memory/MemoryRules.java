package io.sentrycloud.alarm.memory;

import io.sentrycloud.alarm.rule.RuleRow;
import io.sentrycloud.alarm.rule.RuleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** Rules held in memory, by id. */
public final class MemoryRules implements RuleSource {

    private final Map<Long, RuleRow> rows = new ConcurrentSkipListMap<>();

    /** Adds or replaces a rule (by id). */
    public void put(RuleRow row) {
        rows.put(row.id(), row);
    }

    public void remove(long id) {
        rows.remove(id);
    }

    @Override
    public List<RuleRow> rules() {
        return new ArrayList<>(rows.values());
    }
}
