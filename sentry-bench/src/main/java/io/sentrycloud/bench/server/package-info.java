/**
 * Benchmarks of a running sentry_server over HTTP (whatever its store): how many points per second one instance
 * takes through {@code /server/api/putMetrics}. See {@code docs/scaling.md}.
 */
package io.sentrycloud.bench.server;
