/** The agent's own metrics: a heartbeat every round, and what the agent costs and how its delivery goes. */
package io.sentrycloud.agent.collect.self;
