package io.sentrycloud.alarm.rule;

/** A series fires when {@code error_count} of its window's values are past the bounds. */
public record ThresholdRule(RuleMeta meta, DataSource source, Trigger trigger) implements AlarmRule {

    @Override
    public RuleType type() {
        return RuleType.THRESHOLD;
    }
}
