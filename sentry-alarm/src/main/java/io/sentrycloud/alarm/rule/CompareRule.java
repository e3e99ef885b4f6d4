package io.sentrycloud.alarm.rule;

/**
 * Each value of the window compared with the average of the same window {@code daysAgo} days plus
 * {@code seconds} earlier: as a difference ({@code value - history}) or a ratio ({@code value / history}, so
 * 1.5 is 150 %); the compare value is checked against the bounds. A series without history is "no data".
 *
 * @param ratio    {@code compare_type} 1 (ratio) rather than 0 (difference)
 * @param daysAgo  {@code compare_days_ago}, 0..7
 * @param seconds  {@code compare_seconds}, added to the days
 */
public record CompareRule(RuleMeta meta, DataSource source, Trigger trigger, boolean ratio, int daysAgo,
                          long seconds) implements AlarmRule {

    /** The original's largest {@code compare_days_ago}. */
    public static final int MAX_DAYS_AGO = 7;

    @Override
    public RuleType type() {
        return RuleType.COMPARE;
    }

    /** How far back the history window lies, in seconds. */
    public long shiftSeconds() {
        return daysAgo * 86_400L + seconds;
    }
}
