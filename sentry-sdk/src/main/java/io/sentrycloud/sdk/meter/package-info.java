/**
 * Application meters on top of {@link io.sentrycloud.sdk.SentryClient}: {@link io.sentrycloud.sdk.meter.Counter},
 * gauges, {@link io.sentrycloud.sdk.meter.Timer} and {@link io.sentrycloud.sdk.meter.Summary} (percentiles computed
 * in the client), kept in a {@link io.sentrycloud.sdk.meter.SentryMeters} registry that turns them into points every
 * step on a background thread. Recording never blocks on the network.
 */
package io.sentrycloud.sdk.meter;
