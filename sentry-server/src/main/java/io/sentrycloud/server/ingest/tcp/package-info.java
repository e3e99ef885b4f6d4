/**
 * The TCP servers of the ingest listeners: {@link io.sentrycloud.server.ingest.tcp.TcpServer} (connection limit,
 * idle timeouts, a clean shutdown), shared by the original's PDU stream and by
 * {@link io.sentrycloud.server.ingest.tcp.LineListener}, the line server of the line protocols (bounded lines,
 * every connection writes what it already sent before it closes).
 */
package io.sentrycloud.server.ingest.tcp;
