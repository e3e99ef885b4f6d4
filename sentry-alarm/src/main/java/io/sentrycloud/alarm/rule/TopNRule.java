package io.sentrycloud.alarm.rule;

/**
 * The values of the one {@code *} tag ranked by the aggregate of all their points in the window; the first
 * {@code limit} that are past the bounds fire.
 *
 * @param rankTag    the {@code *} tag whose values are ranked
 * @param descending {@code sort} "desc" (largest first) or "asc"
 * @param limit      how many are ranked, 1..100
 */
public record TopNRule(RuleMeta meta, DataSource source, Trigger trigger, String rankTag, boolean descending,
                       int limit) implements AlarmRule {

    /** The original's largest {@code limit}. */
    public static final int MAX_LIMIT = 100;

    @Override
    public RuleType type() {
        return RuleType.TOPN;
    }
}
