/**
 * {@code sentry-bench compare}: the same generated agent data pushed to sentry's embedded engine and to a local
 * VictoriaMetrics, then the same dashboard queries on both and a restart after {@code kill -9}, printed as one
 * table of figures and ratios.
 */
package io.sentrycloud.bench.compare;
