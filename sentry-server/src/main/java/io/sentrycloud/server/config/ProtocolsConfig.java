package io.sentrycloud.server.config;

/**
 * The {@code protocols:} section: the TCP listeners of other tools' protocols (the HTTP ones are always on, on the
 * HTTP port, bounded by {@code http.max_body_bytes} and {@code ingest.*}).
 *
 * @param opentsdbTelnetEnabled whether the OpenTSDB telnet {@code put} listener runs
 * @param opentsdbTelnetPort    its TCP port (0 for a free one)
 * @param graphiteEnabled       whether the Graphite plaintext listener runs
 * @param graphitePort          its TCP port (0 for a free one)
 * @param tcpMaxLineBytes       longest line a TCP listener accepts; a longer one is discarded and reported
 * @param tcpIdleTimeoutSeconds a connection silent this long is closed
 * @param tcpMaxConnections     most open connections per listener; more are refused
 */
public record ProtocolsConfig(boolean opentsdbTelnetEnabled, int opentsdbTelnetPort, boolean graphiteEnabled,
                              int graphitePort, int tcpMaxLineBytes, int tcpIdleTimeoutSeconds,
                              int tcpMaxConnections) {

    public ProtocolsConfig {
        Check.between("protocols.opentsdb_telnet_port", opentsdbTelnetPort, 0, 65535);
        Check.between("protocols.graphite_port", graphitePort, 0, 65535);
        Check.between("protocols.tcp_max_line_bytes", tcpMaxLineBytes, 64, 16 << 20);
        Check.between("protocols.tcp_idle_timeout_seconds", tcpIdleTimeoutSeconds, 1, 86400);
        Check.between("protocols.tcp_max_connections", tcpMaxConnections, 1, 100_000);
    }
}
