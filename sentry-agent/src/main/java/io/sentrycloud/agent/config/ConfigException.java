package io.sentrycloud.agent.config;

/** A configuration the agent cannot run with; the message names the key and where its value came from. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
