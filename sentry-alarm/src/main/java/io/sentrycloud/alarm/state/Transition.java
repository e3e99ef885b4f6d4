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
 * @param notified who was told of it ({@code mail:eric@example.org, webhook:https://...}), empty when nobody
 */
public record Transition(long ruleId, String ruleName, String severity, Map<String, String> tags, AlertState from,
                         AlertState to, double value, long at, String detail, boolean silenced, String notified) {

    public Transition {
        tags = Map.copyOf(tags);
        notified = notified == null ? "" : notified;
    }

    /** The same transition, told to {@code who}. */
    public Transition withNotified(String who) {
        return new Transition(ruleId, ruleName, severity, tags, from, to, value, at, detail, silenced, who);
    }
}
