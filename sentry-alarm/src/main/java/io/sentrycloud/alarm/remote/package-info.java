/**
 * The alarm engine run apart from the server (as the original's separate sentry_alarm process): series are asked
 * for through the server's query API ({@code /server/api/range}, {@code /server/api/topn}) instead of in-process.
 */
package io.sentrycloud.alarm.remote;
