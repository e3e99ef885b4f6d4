package io.sentrycloud.alarm.state;

import io.sentrycloud.alarm.notify.Delivery;
import java.util.List;

/**
 * Everything one evaluation of one rule changed, to be stored in one transaction.
 *
 * @param ruleId      the rule
 * @param states      states to insert or replace (by rule and {@link SeriesState#key()})
 * @param removed     keys of states to delete
 * @param transitions history to append
 * @param deliveries  notifications to queue
 */
public record RuleCommit(long ruleId, List<SeriesState> states, List<String> removed, List<Transition> transitions,
                         List<Delivery> deliveries) {

    public RuleCommit {
        states = List.copyOf(states);
        removed = List.copyOf(removed);
        transitions = List.copyOf(transitions);
        deliveries = List.copyOf(deliveries);
    }

    public boolean isEmpty() {
        return states.isEmpty() && removed.isEmpty() && transitions.isEmpty() && deliveries.isEmpty();
    }
}
