/**
 * Evaluation of a rule over a {@link io.sentrycloud.tsdb.TimeSeriesStore}: one query (two for compare) per rule
 * and window, answered with one {@link io.sentrycloud.alarm.eval.Observation} per series. {@code *} tags are
 * expanded by the query's group-by at every evaluation, so series that join later are picked up at once.
 * Evaluation has no side effects; the engine turns observations into state changes.
 */
package io.sentrycloud.alarm.eval;
