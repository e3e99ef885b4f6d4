package io.sentrycloud.agent.listen;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Points each listener received and refused, for the agent's own metrics. Thread-safe. */
public final class ListenerStats {

    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();

    /** Counts points a listener took (and forwarded). */
    public void received(String listener, long points) {
        received.computeIfAbsent(listener, k -> new LongAdder()).add(points);
    }

    /** Counts points (or, for unreadable input, requests or frames) a listener refused. */
    public void refused(String listener, long points) {
        refused.computeIfAbsent(listener, k -> new LongAdder()).add(points);
    }

    /** Listener name to points received so far. */
    public Map<String, Long> receivedTotals() {
        return totals(received);
    }

    /** Listener name to points refused so far. */
    public Map<String, Long> refusedTotals() {
        return totals(refused);
    }

    private static Map<String, Long> totals(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
