/**
 * What the alarms need from the metadata database: rules (the original's {@code alarm_rule}, its
 * {@code data_source} and {@code trigger} JSON kept as text for {@code sentry-alarm} to read), contacts and
 * contact groups, silences, and the alerts' state and history.
 */
package io.sentrycloud.server.meta.alarm;
