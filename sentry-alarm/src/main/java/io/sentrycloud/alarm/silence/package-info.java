/**
 * Silences and maintenance windows: matchers on an alert's labels (the rule as {@code rule} and
 * {@code rule_id}, {@code severity}, and the series' tags) that hold notifications back for a time. A silenced
 * alert still changes state and is recorded in history; only its notifications are held.
 */
package io.sentrycloud.alarm.silence;
