/**
 * sentry's alarm engine: {@link io.sentrycloud.alarm.AlarmEngine} evaluates every enabled rule once per
 * {@code query_range} over the window ending 10 s ago (as the original sentry_alarm), moves each series through
 * its states, and queues notifications that its dispatcher delivers.
 *
 * <p>What the engine reads and writes it reaches through small interfaces, implemented by the server's metadata
 * store or by {@link io.sentrycloud.alarm.memory}: {@link io.sentrycloud.alarm.rule.RuleSource},
 * {@link io.sentrycloud.alarm.notify.ContactDirectory}, {@link io.sentrycloud.alarm.silence.SilenceSource},
 * {@link io.sentrycloud.alarm.state.AlertStore}, {@link io.sentrycloud.alarm.notify.Outbox} and
 * {@link io.sentrycloud.alarm.EvaluationLease}. Series data comes from a
 * {@link io.sentrycloud.tsdb.TimeSeriesStore}, in-process.
 */
package io.sentrycloud.alarm;
