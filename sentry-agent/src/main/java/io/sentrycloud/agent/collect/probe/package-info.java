/**
 * Probes: is an HTTP(S) URL or a TCP port up, how fast does it answer, with which status.
 * {@code sentry_probe_up}, {@code sentry_probe_latency_ms}, {@code sentry_probe_http_status}, tagged {@code target}
 * and {@code type} (http or tcp).
 */
package io.sentrycloud.agent.collect.probe;
