package io.sentrycloud.server.meta.store;

/** The metadata database failed (unreachable, full, a statement refused for a reason other than the data). */
public class MetaStoreException extends RuntimeException {

    public MetaStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
