package io.sentrycloud.server.meta.alarm;

/**
 * An alarm rule: the original's {@code alarm_rule} row plus when and how to notify.
 *
 * @param type                  0 heartbeat, 1 threshold, 2 topN, 3 compare (the original's numbers)
 * @param queryRange            seconds between evaluations, and the window each looks at
 * @param contacts              names of contacts or contact groups, separated by commas (as the original)
 * @param level                 the original's level number (shown in messages)
 * @param message               message template with the original's {@code {time}}, {@code {value}} ...
 * @param dataSource            the original's {@code data_source} JSON object, as text
 * @param trigger               the original's {@code trigger} JSON object, as text
 * @param forSeconds            how long a condition must hold before the alert fires (0: at once)
 * @param repeatIntervalSeconds how often a still-firing alert is notified again
 * @param notifyResolved        whether the contacts hear when the alert resolves
 * @param severity              critical, error, warning or info
 */
public record AlarmRule(long id, String name, int type, int queryRange, String contacts, int level,
                        String message, String dataSource, String trigger, boolean enabled, int forSeconds,
                        int repeatIntervalSeconds, boolean notifyResolved, String severity, long version,
                        long created, long updated) {

    /** The rule types of the original, by number. */
    public static final int HEARTBEAT = 0;
    public static final int THRESHOLD = 1;
    public static final int TOPN = 2;
    public static final int COMPARE = 3;
}
