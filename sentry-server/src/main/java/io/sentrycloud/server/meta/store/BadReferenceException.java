package io.sentrycloud.server.meta.store;

/** A request names another entity (a dashboard of a chart, a contact of a group) that does not exist. */
public class BadReferenceException extends RuntimeException {

    private final String field;

    public BadReferenceException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field holding the bad reference. */
    public String field() {
        return field;
    }
}
