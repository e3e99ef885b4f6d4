package io.sentrycloud.alarm.rule;

/** A parsed rule of one of the four types. */
public sealed interface AlarmRule permits HeartbeatRule, ThresholdRule, TopNRule, CompareRule {

    RuleMeta meta();

    DataSource source();

    Trigger trigger();

    RuleType type();

    default long id() {
        return meta().id();
    }
}
