package io.sentrycloud.tsdb;

/**
 * A request was refused because it would pass a configured bound (active series, series or points touched by a
 * query). Callers answer it as a client error, not a server failure.
 */
public class LimitExceededException extends StoreException {

    public LimitExceededException(String message) {
        super(message);
    }
}
