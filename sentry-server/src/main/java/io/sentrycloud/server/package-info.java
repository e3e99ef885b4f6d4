/**
 * sentry_server: {@link io.sentrycloud.server.Main} (the command line) and
 * {@link io.sentrycloud.server.SentryServer} (a running server: store, HTTP API, self-monitoring).
 */
package io.sentrycloud.server;
