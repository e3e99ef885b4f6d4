/**
 * A PromQL subset over sentry's store, and the Prometheus HTTP API endpoints that answer it, so tools that speak
 * PromQL (Grafana's Prometheus data source) can chart sentry. {@link io.sentrycloud.server.promql.PromParser} names
 * what is not supported.
 */
package io.sentrycloud.server.promql;
