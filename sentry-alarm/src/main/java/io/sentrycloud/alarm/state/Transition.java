package io.sentrycloud.alarm.state;

import java.util.Map;

/**
 * One change of state, kept as history.
 *
 * @param ruleId   the rule
 * @param ruleName the rule's name at the time
 * @param severity the rule's severity
 * @param tags     the series
 * @param from     the state before
 * @param to       the state after
 * @param value    the value that caused it (NaN when none)
 * @param at       epoch seconds of the evaluation
 * @param detail   why ("3 of 6 values past the bounds", the query error ...)
 * @param silenced whether a silence or maintenance window held its notification back
 */
public record Transition(long ruleId, String ruleName, String severity, Map<String, String> tags, AlertState from,
                         AlertState to, double value, long at, String detail, boolean silenced) {

    public Transition {
        tags = Map.copyOf(tags);
    }
}
