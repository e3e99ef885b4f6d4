/**
 * The storage contract of sentry: {@link io.sentrycloud.tsdb.TimeSeriesStore} and the values that cross it.
 *
 * <p>A <em>series</em> is a metric name plus a sorted tag set ({@link io.sentrycloud.tsdb.SeriesKey}); it holds
 * <em>data points</em> (timestamp in epoch milliseconds, float64 value). Implementations live in sub-packages;
 * callers (server, alarm) depend only on this package.
 */
package io.sentrycloud.tsdb;
