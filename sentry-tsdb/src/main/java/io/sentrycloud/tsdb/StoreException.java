package io.sentrycloud.tsdb;

/**
 * A store could not do what was asked: an I/O failure, or a limit that refuses the request. The message is meant
 * for the person who sent the request.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
