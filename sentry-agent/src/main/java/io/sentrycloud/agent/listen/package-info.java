/**
 * The agent's local listeners, as the original agent has them: JSON points on {@code POST /agent/api/putMetrics}
 * (50001), the binary PDU stream on TCP (50000), and StatsD over UDP. What they receive is checked
 * ({@link io.sentrycloud.agent.listen.IncomingPoints}) and forwarded batched through the agent's delivery client.
 */
package io.sentrycloud.agent.listen;
