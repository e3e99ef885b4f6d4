package io.sentrycloud.alarm.memory;

import io.sentrycloud.alarm.notify.Delivery;
import io.sentrycloud.alarm.notify.DeliveryStatus;
import io.sentrycloud.alarm.notify.Outbox;
import io.sentrycloud.alarm.state.AlertStore;
import io.sentrycloud.alarm.state.RuleCommit;
import io.sentrycloud.alarm.state.SeriesState;
import io.sentrycloud.alarm.state.Transition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alert states, history and the outbox in memory, behind one lock so that a commit is atomic. History keeps the
 * latest {@code maxHistory} transitions.
 */
public final class MemoryAlertStore implements AlertStore, Outbox {

    private final Map<Long, Map<String, SeriesState>> states = new TreeMap<>();
    private final List<Transition> history = new ArrayList<>();
    private final Map<String, Delivery> deliveries = new LinkedHashMap<>();
    private final int maxHistory;

    public MemoryAlertStore(int maxHistory) {
        this.maxHistory = maxHistory;
    }

    public MemoryAlertStore() {
        this(100_000);
    }

    @Override
    public synchronized List<SeriesState> states(long ruleId) {
        return List.copyOf(states.getOrDefault(ruleId, Map.of()).values());
    }

    @Override
    public synchronized List<SeriesState> allStates() {
        List<SeriesState> out = new ArrayList<>();
        states.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    @Override
    public synchronized void commit(RuleCommit c) {
        Map<String, SeriesState> m = states.computeIfAbsent(c.ruleId(), k -> new TreeMap<>());
        c.states().forEach(s -> m.put(s.key(), s));
        c.removed().forEach(m::remove);
        history.addAll(c.transitions());
        if (history.size() > maxHistory) {
            history.subList(0, history.size() - maxHistory).clear();
        }
        c.deliveries().forEach(d -> deliveries.putIfAbsent(d.id(), d));
    }

    @Override
    public synchronized List<Transition> history(long ruleId, long since, int limit) {
        List<Transition> out = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0 && out.size() < limit; i--) {
            Transition t = history.get(i);
            if ((ruleId == 0 || t.ruleId() == ruleId) && t.at() >= since) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public synchronized List<Delivery> due(long nowMillis, int limit) {
        return deliveries.values().stream()
                .filter(d -> d.status() == DeliveryStatus.PENDING || d.status() == DeliveryStatus.RETRYING)
                .filter(d -> d.nextAttemptAt() <= nowMillis)
                .sorted(Comparator.comparingLong(Delivery::createdAt)).limit(limit).toList();
    }

    @Override
    public synchronized void update(Delivery d) {
        deliveries.put(d.id(), d);
    }

    @Override
    public synchronized List<Delivery> recent(int limit) {
        List<Delivery> all = new ArrayList<>(deliveries.values());
        List<Delivery> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(all.get(i));
        }
        return out;
    }
}
