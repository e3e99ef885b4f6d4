/**
 * Alarm rules as the original sentry stores them (an {@code alarm_rule} row: type, query_range, contacts, level,
 * message, {@code data_source} JSON, {@code trigger} JSON), parsed into one record per rule type.
 *
 * <p>{@link io.sentrycloud.alarm.rule.RuleParser} turns a {@link io.sentrycloud.alarm.rule.RuleRow} into a
 * {@link io.sentrycloud.alarm.rule.AlarmRule} or refuses it with a message naming the bad field;
 * {@link io.sentrycloud.alarm.rule.RuleSource} is where the engine reads rows from.
 */
package io.sentrycloud.alarm.rule;
