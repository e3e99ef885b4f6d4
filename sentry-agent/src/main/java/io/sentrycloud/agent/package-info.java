/**
 * sentry_agent: {@link io.sentrycloud.agent.Main} reads the configuration, {@link io.sentrycloud.agent.SentryAgent}
 * runs the collectors every interval and hands their points to the SDK's client, which delivers (and spools) them.
 */
package io.sentrycloud.agent;
