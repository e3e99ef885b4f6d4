package io.sentrycloud.server.config;

/** The configuration cannot be used; the message names the key, where it came from and what is expected. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
