/**
 * The life of an alert per (rule, series): {@code ok → pending → firing → resolved}, plus {@code no data},
 * {@code error} (the rule's query failed) and {@code forgotten} (a heartbeat series someone retired). Every
 * change is a {@link io.sentrycloud.alarm.state.Transition} kept as history; the current
 * {@link io.sentrycloud.alarm.state.SeriesState}s, the transitions and the deliveries they cause are committed
 * together through {@link io.sentrycloud.alarm.state.AlertStore}, so that a restart resumes exactly where it stopped.
 */
package io.sentrycloud.alarm.state;
