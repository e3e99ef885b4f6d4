package io.sentrycloud.server.meta.store;

/** A row would repeat a value that must be unique (a name), or refers to a row that does not exist. */
public class DuplicateException extends RuntimeException {

    private final String field;

    public DuplicateException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field whose value is taken. */
    public String field() {
        return field;
    }
}
