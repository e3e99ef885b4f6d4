/**
 * The original agent's script collectors: every file of a folder is asked its interval ({@code sentry_time}), then
 * run every interval with a timeout; what it prints is the JSON array of points, forwarded like a local app's.
 */
package io.sentrycloud.agent.script;
