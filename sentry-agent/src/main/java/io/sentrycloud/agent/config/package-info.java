/**
 * The agent's configuration: {@link io.sentrycloud.agent.config.AgentConfig} and its sections, loaded by
 * {@link io.sentrycloud.agent.config.ConfigLoader} from the documented {@code conf/sentry_agent.yaml}, the
 * environment and flags, with an error naming any key the file does not document.
 */
package io.sentrycloud.agent.config;
