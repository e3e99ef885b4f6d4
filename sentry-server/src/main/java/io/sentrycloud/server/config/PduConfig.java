package io.sentrycloud.server.config;

/**
 * The {@code pdu:} section: the original's binary PDU stream on TCP, which original agents push to.
 *
 * @param enabled            whether the listener runs
 * @param port               its TCP port (0 for a free one)
 * @param maxFrameBytes      largest PDU payload; a larger frame closes the connection
 * @param idleTimeoutSeconds a connection silent this long is closed
 * @param maxConnections     most open connections; more are closed at once
 */
public record PduConfig(boolean enabled, int port, int maxFrameBytes, int idleTimeoutSeconds, int maxConnections) {

    public PduConfig {
        Check.between("pdu.port", port, 0, 65535);
        Check.between("pdu.max_frame_bytes", maxFrameBytes, 1024, 1 << 30);
        Check.between("pdu.idle_timeout_seconds", idleTimeoutSeconds, 1, 86400);
        Check.between("pdu.max_connections", maxConnections, 1, 100_000);
    }
}
