/**
 * Self-monitoring: {@link io.sentrycloud.server.selfmon.ServerStats} counts requests and ingested points,
 * {@link io.sentrycloud.server.selfmon.SelfMonitor} writes them with JVM and store figures into the server's own
 * store under the original's {@code sentry_server_*} names, and {@link io.sentrycloud.server.selfmon.PrometheusText}
 * exposes the same counters on {@code /metrics}.
 */
package io.sentrycloud.server.selfmon;
