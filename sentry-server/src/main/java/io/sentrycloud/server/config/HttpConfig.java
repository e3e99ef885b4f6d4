package io.sentrycloud.server.config;

/**
 * The {@code http:} section.
 *
 * @param host         listen address
 * @param port         listen port, 0 for a free one
 * @param maxBodyBytes largest request body, as sent and after decompression
 */
public record HttpConfig(String host, int port, long maxBodyBytes) {

    public HttpConfig {
        Check.notBlank("http.host", host);
        Check.between("http.port", port, 0, 65535);
        Check.between("http.max_body_bytes", maxBodyBytes, 1024, 1L << 31);
    }
}
