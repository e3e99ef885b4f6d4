/**
 * Micrometer support: {@link io.sentrycloud.micrometer.SentryMeterRegistry} publishes every Micrometer meter to
 * sentry each step through sentry-sdk's client, so Micrometer users (Spring Boot included) get sentry by adding one
 * registry.
 */
package io.sentrycloud.micrometer;
