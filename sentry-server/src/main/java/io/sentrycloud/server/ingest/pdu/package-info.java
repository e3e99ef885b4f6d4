/**
 * The original's binary PDU ingest on TCP 51000, so an unmodified original sentry_agent can push to this server:
 * {@link io.sentrycloud.server.ingest.pdu.PduFrame} reads the 16-byte header and payload,
 * {@link io.sentrycloud.server.ingest.pdu.PduListener} serves connections and stores each frame's JSON points through
 * the same rules and write path as {@code /server/api/putMetrics}.
 */
package io.sentrycloud.server.ingest.pdu;
