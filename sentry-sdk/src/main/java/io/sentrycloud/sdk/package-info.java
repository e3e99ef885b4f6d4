/**
 * sentry's Java client for application metrics: {@link io.sentrycloud.sdk.MetricPoint} is one point in the
 * original sentry JSON shape, {@link io.sentrycloud.sdk.SentryClient} batches points and delivers them to one or
 * more sentry servers (or a local sentry_agent), holding them in a bounded spool while none is reachable.
 * Java 11, no dependencies beyond the JDK.
 */
package io.sentrycloud.sdk;
