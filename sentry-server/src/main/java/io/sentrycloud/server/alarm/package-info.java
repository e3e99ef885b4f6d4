/**
 * The alarm engine (sentry-alarm) inside sentry_server: adapters from the metadata database's tables to the
 * engine's sources and sinks (rules, contacts and groups, silences, alert state and history, the delivery outbox,
 * evaluation leases), the {@code alarm:} configuration, and the alert endpoints under {@code /api/v1}.
 */
package io.sentrycloud.server.alarm;
