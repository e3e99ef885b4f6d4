package io.sentrycloud.server.promql;

/**
 * A query sentry cannot run: bad syntax, syntax outside the supported subset (the message names it), or a query
 * past a limit. {@link #errorType()} is the Prometheus API's {@code errorType}.
 */
public class PromQLException extends RuntimeException {

    private final String errorType;
    private final int status;

    private PromQLException(String errorType, int status, String message) {
        super(message, null, false, false);
        this.errorType = errorType;
        this.status = status;
    }

    /** Syntax or parameters the request got wrong, or syntax sentry does not support: HTTP 400 {@code bad_data}. */
    public static PromQLException badData(String message) {
        return new PromQLException("bad_data", 400, message);
    }

    /** A well-formed query that cannot be evaluated (too large, ambiguous matching): HTTP 422 {@code execution}. */
    public static PromQLException execution(String message) {
        return new PromQLException("execution", 422, message);
    }

    public String errorType() {
        return errorType;
    }

    public int status() {
        return status;
    }
}
