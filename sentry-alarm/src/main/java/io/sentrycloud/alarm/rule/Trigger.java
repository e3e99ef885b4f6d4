package io.sentrycloud.alarm.rule;

/**
 * When a rule's value is a problem and how it is notified (the {@code trigger} JSON).
 *
 * <p>The original's fields: {@code greater_than}, {@code less_than} (absent = no bound) and {@code error_count}
 * (how many points of one window must be past a bound). Ours add, all optional: {@code for} (seconds a breach must
 * last before it fires; 0 fires at once), {@code repeat_interval} (seconds between repeats while firing; 0 never
 * repeats), {@code notify_firing} / {@code notify_resolved} (switch those notifications), and for TopN
 * {@code report_interval} / {@code report_offset} (seconds: send the ranking as a report every interval, at
 * {@code offset} past each multiple of it in UTC, e.g. 86400 / 28800 is every day at 08:00 UTC).
 *
 * @param greaterThan    upper bound, {@code +Infinity} when absent
 * @param lessThan       lower bound, {@code -Infinity} when absent
 * @param errorCount     points past a bound in one window that make a breach, at least 1
 * @param forSeconds     how long a breach stays pending before it fires
 * @param repeatSeconds  repeat interval while firing, 0 for none
 * @param notifyFiring   whether firing is notified
 * @param notifyResolved whether resolving is notified
 * @param reportSeconds  TopN report interval, 0 for none
 * @param reportOffset   TopN report offset within the interval
 */
public record Trigger(double greaterThan, double lessThan, int errorCount, long forSeconds, long repeatSeconds,
                      boolean notifyFiring, boolean notifyResolved, long reportSeconds, long reportOffset) {

    /** The repeat interval when the trigger does not name one: one hour. */
    public static final long DEFAULT_REPEAT_SECONDS = 3600;

    /** Whether a value is past a bound, as the original: {@code v < less_than || v > greater_than}. */
    public boolean breached(double value) {
        return value < lessThan || value > greaterThan;
    }

    /** Whether the trigger has any bound at all (a TopN report may have none). */
    public boolean hasBounds() {
        return greaterThan != Double.POSITIVE_INFINITY || lessThan != Double.NEGATIVE_INFINITY;
    }
}
