package io.sentrycloud.alarm.rule;

/**
 * A series that has reported before and has no point in the window fires. With {@code *} tags every series the
 * store knows under the selection is watched, including ones that join later.
 */
public record HeartbeatRule(RuleMeta meta, DataSource source, Trigger trigger) implements AlarmRule {

    @Override
    public RuleType type() {
        return RuleType.HEARTBEAT;
    }
}
