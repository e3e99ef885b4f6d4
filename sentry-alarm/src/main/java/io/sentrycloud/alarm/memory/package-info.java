/**
 * In-memory implementations of the engine's sources and sinks: rules, contacts, silences, alert state with
 * history and outbox, and evaluation leases. Complete and thread-safe, they serve tests and a server run without
 * a metadata database; nothing survives the process.
 */
package io.sentrycloud.alarm.memory;
