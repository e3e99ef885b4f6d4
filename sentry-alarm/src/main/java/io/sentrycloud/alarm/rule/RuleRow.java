package io.sentrycloud.alarm.rule;

import java.util.Objects;

/**
 * One {@code alarm_rule} row with the original's columns, as the metadata store keeps it.
 *
 * @param id         row id
 * @param name       rule name
 * @param type       0 heartbeat, 1 threshold, 2 topN, 3 compare
 * @param queryRange window length in seconds; also the evaluation interval
 * @param contacts   contact names separated by {@code ,}, {@code ;} or spaces
 * @param level      0 info, 1 warn, 2 error (the original dashboard's values)
 * @param message    the message template
 * @param dataSource the {@code data_source} JSON text
 * @param trigger    the {@code trigger} JSON text
 * @param enabled    false when the rule is switched off (not a column of the original: a disabled rule is kept
 *                   but not evaluated)
 */
public record RuleRow(long id, String name, int type, int queryRange, String contacts, int level, String message,
                      String dataSource, String trigger, boolean enabled) {

    public RuleRow {
        name = Objects.requireNonNullElse(name, "");
        contacts = Objects.requireNonNullElse(contacts, "");
        message = Objects.requireNonNullElse(message, "");
    }
}
