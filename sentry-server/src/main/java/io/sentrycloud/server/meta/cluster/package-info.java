/**
 * Several server instances sharing one metadata database: {@link io.sentrycloud.server.meta.cluster.Instances}
 * (who is running, renewed by heartbeats) and {@link io.sentrycloud.server.meta.cluster.Leases} (one holder at a
 * time for work only one instance may do, such as evaluating alarm rules).
 */
package io.sentrycloud.server.meta.cluster;
