/**
 * What the agent collects, behind one {@link io.sentrycloud.agent.collect.Collector} interface: each collector
 * adds its points for a round to a {@link io.sentrycloud.agent.collect.PointSink}, which stamps them with the round's
 * time and the agent's common tags ({@code host}, {@code ip}, configured extras).
 */
package io.sentrycloud.agent.collect;
