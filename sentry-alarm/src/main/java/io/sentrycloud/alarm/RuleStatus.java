package io.sentrycloud.alarm;

/**
 * How a rule is doing in the engine, for people and self-monitoring.
 *
 * @param ruleId          the rule
 * @param name            its name
 * @param enabled         whether it is evaluated
 * @param invalid         why the row cannot be evaluated, empty when it can
 * @param lastEvaluatedAt epoch seconds of the last evaluation, 0 before the first
 * @param lastMicros      how long it took
 * @param lastError       the last query error, empty when the last evaluation worked
 * @param skipped         evaluations skipped because the previous one of the rule was still running
 */
public record RuleStatus(long ruleId, String name, boolean enabled, String invalid, long lastEvaluatedAt,
                         long lastMicros, String lastError, long skipped) {
}
