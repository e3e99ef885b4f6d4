package io.sentrycloud.agent.config;

/**
 * The {@code listeners:} section: where local apps hand points to the agent.
 *
 * @param host         bind address
 * @param httpPort     JSON putMetrics port, 0 for off
 * @param tcpPort      PDU stream port, 0 for off
 * @param maxBodyBytes largest HTTP body or PDU payload
 */
public record ListenersConfig(String host, int httpPort, int tcpPort, long maxBodyBytes) {

    public ListenersConfig {
        Check.notBlank("listeners.host", host);
        Check.between("listeners.http_port", httpPort, 0, 65535);
        Check.between("listeners.tcp_port", tcpPort, 0, 65535);
        Check.between("listeners.max_body_bytes", maxBodyBytes, 1024, 1L << 30);
    }
}
