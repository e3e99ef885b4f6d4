package io.sentrycloud.alarm.memory;

import io.sentrycloud.alarm.EvaluationLease;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Evaluation leases in memory: shared by engines of one process (tests of two evaluators). */
public final class MemoryLease implements EvaluationLease {

    private record Held(String owner, long until) {
    }

    private final Map<Long, Held> leases = new ConcurrentHashMap<>();

    @Override
    public boolean tryAcquire(long ruleId, String owner, long now, long until) {
        Held h = leases.compute(ruleId, (id, cur) ->
                cur == null || cur.owner().equals(owner) || cur.until() <= now ? new Held(owner, until) : cur);
        return h.owner().equals(owner);
    }
}
